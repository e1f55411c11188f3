/**
 * Fault test on a MariaDB of contracts' own (never the shared one): the worker has delivered a
 * report, and contracts' database goes down before the outcome is recorded. The outcome job keeps
 * trying, as the catalog says, for longer than the queue default of 8 attempts would have (which
 * once left the report PENDING for good); once the database is back the report reads DELIVERED.
 *
 * The moment is made deterministic by the client's endpoint: it takes the delivery (so the worker
 * has fetched the details from contracts and sent it) but keeps its answer waiting until the
 * database is down; only then does the worker hear 204 and put the outcome on the queue.
 */
import { Redis } from 'ioredis';
import { OwnMariaDbServer } from '@azukari/testing';
import { QueueName, UNTIL_IT_WORKS, backoffDelay, eventIdFrom, jobIdFor, openQueue } from '@azukari/jobs';
import { startStack, type Stack } from '../src/stack';
import { WebhookReceiver } from '../src/webhook-receiver';
import { chooseChannels, createClient, createContract, reportIncident, waitUntil } from '../src/flows';

/** Every retry wait at a hundredth: a day of tries fits in minutes, the old window in about a second. */
const BACKOFF_SCALE = 0.01;
/** The queue default the outcome once had, and how long its retries lasted at this scale. */
const OLD_ATTEMPTS = 8;
const OLD_WINDOW_MS = Array.from({ length: OLD_ATTEMPTS - 1 }, (_, i) => backoffDelay(UNTIL_IT_WORKS.backoff, i + 1, BACKOFF_SCALE)).reduce(
  (sum, ms) => sum + ms,
  0,
);
/** How long contracts' database stays down: clearly longer than the old window. */
const OUTAGE_MS = Math.max(5_000, 4 * OLD_WINDOW_MS);

const REPORTS = `query ($c: ID) {
  clientReports(clientId: $c) { edges { node { id deliveryStatus attempts lastResponseStatus deliveredAt } } }
}`;

type Queue = ReturnType<typeof openQueue>;

interface Envelope {
  eventId: string;
  payload: { reportId: string; channel: string };
}

describe('delivery outcome while contracts’ database is down', () => {
  let mariadb: OwnMariaDbServer;
  let stack: Stack | null = null;
  let endpoint: WebhookReceiver;
  let redis: Redis;
  let deliveries: Queue;
  let results: Queue;

  beforeAll(async () => {
    mariadb = await OwnMariaDbServer.start();
    stack = await startStack({
      mysqlUrls: { contracts: mariadb.url },
      backoffScale: BACKOFF_SCALE,
      // The endpoint below holds its answer while the database stops: the worker must not give up on it.
      deliveryTimeoutMs: 30_000,
    });
    endpoint = await new WebhookReceiver().start();
    redis = new Redis(stack.resources.redisUrl, { maxRetriesPerRequest: null });
    const settings = { redisUrl: stack.resources.redisUrl, prefix: stack.resources.queuePrefix };
    deliveries = openQueue(QueueName.DELIVERIES, settings, redis);
    results = openQueue(QueueName.DELIVERY_RESULTS, settings, redis);
  });
  afterAll(async () => {
    await deliveries?.close();
    await results?.close();
    redis?.disconnect();
    // Up again (a no-op if it is) so that the stack's cleanup can drop contracts' database there.
    await mariadb?.up();
    await stack?.close();
    await endpoint?.close();
    await mariadb?.remove();
  });

  it('keeps the outcome until the database is back, then shows the report DELIVERED once', async () => {
    const s = stack!;
    const client = await createClient(s, 'Outcome Retry KK', endpoint.url);
    endpoint.useSecret(client.webhookSecret!);
    // By webhook alone: the report's one delivery is the one this test holds.
    await chooseChannels(s, client.id, { email: false, webhook: true });
    const contractId = await createContract(s, client.id);

    const release = endpoint.holdNext();
    const incidentId = await reportIncident(s, [contractId]);
    const [delivery] = await endpoint.waitFor(1, 30_000);
    // The worker has fetched the delivery details from contracts and sent the report; it waits
    // for the endpoint's answer. Now contracts loses its database, and only then is it answered.
    let downAt: number;
    try {
      await mariadb.down();
      downAt = Date.now();
    } finally {
      release();
    }

    const deliveryJob = await waitUntil(
      async () =>
        (await deliveries.getJobs(['active', 'completed'])).find((job) => (job.data as Envelope).payload.reportId === delivery!.id),
      10_000,
      'the delivery job',
    );
    // The outcome of its first try.
    const outcomeJobId = jobIdFor('worker', eventIdFrom(String(deliveryJob.id), 1));
    const outcome = await waitUntil(
      async () => {
        const job = await results.getJob(outcomeJobId);
        if (!job) return null;
        if (await job.isFailed()) throw new Error(`the outcome was given up after ${job.attemptsMade} attempts: ${job.failedReason}`);
        return job.attemptsMade > OLD_ATTEMPTS && Date.now() - downAt >= OUTAGE_MS ? job : null;
      },
      OUTAGE_MS + 30_000,
      `the outcome to be retried past ${OLD_ATTEMPTS} attempts during a ${OUTAGE_MS} ms outage`,
    );
    // Still trying while the database is down, past where the old 8 attempts ended.
    expect(outcome.attemptsMade).toBeGreaterThan(OLD_ATTEMPTS);
    expect(outcome.opts.attempts).toBe(UNTIL_IT_WORKS.attempts);
    expect(outcome.failedReason).toMatch(/ECONNREFUSED|connect/i);
    expect(['delayed', 'waiting', 'active']).toContain(await outcome.getState());

    await mariadb.up();

    const report = await waitUntil(
      async () => {
        const node = (await s.request(REPORTS, { c: client.id })).data?.clientReports.edges[0]?.node;
        return node?.deliveryStatus === 'DELIVERED' ? node : null;
      },
      30_000,
      'the report to be recorded as delivered',
    );
    expect(report).toMatchObject({ id: delivery!.id, deliveryStatus: 'DELIVERED', attempts: 1, lastResponseStatus: 204 });
    expect(delivery!.body).toMatchObject({ type: 'incident.reported', clientId: client.id, data: { incidentId } });
    // Delivered by webhook once: the outage cost the outcome retries, not the client a second delivery.
    expect(endpoint.reports).toHaveLength(1);
    expect(endpoint.deliveries.map((d) => d.id)).toEqual([delivery!.id]);
    expect(endpoint.rejected).toEqual([]);
  });
});
