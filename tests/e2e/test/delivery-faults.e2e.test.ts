/**
 * Nothing lost, nothing twice, under faults. Each test has a Redis (and where it restarts one, a
 * MariaDB) of its own on a spare port, never the shared services, and counts at a real receiver
 * that every report arrived, once by `webhook-id`. The duplicates that at-least-once delivery
 * allows (a delivery whose sender died before it heard the answer) are counted and printed.
 */
import { OwnMariaDbServer, OwnRedisServer } from '@azukari/testing';
import { startStack, type Stack } from '../src/stack';
import { WebhookReceiver } from '../src/webhook-receiver';
import { WorkerProcess } from '../src/worker-process';
import { chooseChannels, createClient, createContract, reportIncident, waitUntil } from '../src/flows';

const REPORTS = 50;
const pause = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

const DELIVERED = `query ($c: ID, $after: String) { clientReports(clientId: $c, delivered: true, first: 100, after: $after) { edges { node { id } } } }`;

/** A client told by webhook alone, with a receiver holding its secret, and a contract to report on. */
const webhookClient = async (stack: Stack, name: string) => {
  const endpoint = await new WebhookReceiver().start();
  const client = await createClient(stack, name, endpoint.url);
  endpoint.useSecret(client.webhookSecret!);
  await chooseChannels(stack, client.id, { email: false, webhook: true });
  return { endpoint, clientId: client.id, contractId: await createContract(stack, client.id) };
};

/** Every report arrived once by webhook-id, and contracts recorded each as delivered. */
const allArrivedOnce = async (stack: Stack, endpoint: WebhookReceiver, clientId: string, label: string, timeoutMs = 90_000) => {
  const reports = await endpoint.waitFor(REPORTS, timeoutMs);
  expect(new Set(reports.map((r) => r.id)).size).toBe(REPORTS);
  expect(reports).toHaveLength(REPORTS);
  expect(endpoint.rejected).toEqual([]);
  await waitUntil(
    async () => ((await stack.request(DELIVERED, { c: clientId })).data?.clientReports.edges.length ?? 0) === REPORTS,
    30_000,
    `${label}: every report recorded as delivered`,
  );
  console.log(`${label}: ${REPORTS} reports arrived, each once by webhook-id; ${endpoint.duplicates} duplicate deliveries (at-least-once)`);
};

interface Faulty {
  stack: Stack;
  redis: OwnRedisServer;
  mariadb: OwnMariaDbServer | null;
  endpoint: WebhookReceiver;
  clientId: string;
  contractId: string;
}

/**
 * A stack on a Redis of its own (and incidents on a MariaDB of its own, when asked), with one
 * webhook client; everything is stopped and removed afterwards, whatever the test left down.
 */
const onOwnServices = async (
  name: string,
  options: { mariadb?: boolean; worker?: boolean; backoffScale?: number },
  test: (f: Faulty) => Promise<void>,
): Promise<void> => {
  const redis = await OwnRedisServer.start();
  const mariadb = options.mariadb ? await OwnMariaDbServer.start() : null;
  const stack = await startStack({
    redisUrl: redis.url,
    ...(mariadb ? { mysqlUrls: { incidents: mariadb.url } } : {}),
    ...(options.worker === false ? { worker: false } : {}),
    ...(options.backoffScale ? { backoffScale: options.backoffScale } : {}),
  });
  const { endpoint, clientId, contractId } = await webhookClient(stack, name);
  try {
    await test({ stack, redis, mariadb, endpoint, clientId, contractId });
  } finally {
    await redis.up();
    await mariadb?.up();
    await stack.close();
    await endpoint.close();
    await redis.down();
    await mariadb?.remove();
  }
};

/** What the relay of incidents still holds: events committed and not yet handed to Redis. */
const unrelayed = async (stack: Stack): Promise<number> =>
  Number((await stack.resources.sql<{ n: number }>('incidents', 'SELECT COUNT(*) AS n FROM outbox_event WHERE publishedAt IS NULL'))[0]!.n);

describe('delivery under faults', () => {
  it('loses nothing when Redis stops while 50 reports are requested', async () => {
    await onOwnServices('Redis Stop KK', { backoffScale: 0.05 }, async ({ stack, redis, endpoint, clientId, contractId }) => {
      const requested: Promise<string>[] = [];
      for (let i = 0; i < REPORTS; i += 1) {
        if (i === 15) await redis.down();
        requested.push(reportIncident(stack, [contractId]));
        await pause(20);
      }
      // Every request was answered and kept while Redis was away.
      expect(new Set(await Promise.all(requested)).size).toBe(REPORTS);
      await pause(1_000);
      await redis.up();
      await allArrivedOnce(stack, endpoint, clientId, 'Redis stopped');
    });
  });

  it('redelivers within 10 s what a SIGKILLed worker was delivering, and loses nothing', async () => {
    await onOwnServices('Worker Kill KK', { worker: false }, async ({ stack, endpoint, clientId, contractId }) => {
      // A slow endpoint: each delivery is taken, then answered after 1.5 s, the window the kill falls in.
      endpoint.answerDelayMs = 1_500;
      let worker = await WorkerProcess.start(stack);
      try {
        for (let i = 0; i < REPORTS; i += 1) await reportIncident(stack, [contractId]);
        await waitUntil(async () => endpoint.deliveries.length >= 8, 30_000, 'deliveries to be in flight');
        const interrupted = new Set(endpoint.deliveries.map((d) => d.id));
        await worker.kill();
        const killedAt = Date.now();
        endpoint.answerDelayMs = 0;
        worker = await WorkerProcess.start(stack);
        // The deliveries the dead worker never heard the answer to come again, counted once each.
        const redelivered = await waitUntil(
          async () => endpoint.deliveries.find((d) => d.receivedAt > killedAt && interrupted.has(d.id)),
          15_000,
          'an interrupted delivery to be taken up again',
        );
        const afterMs = redelivered.receivedAt - killedAt;
        console.log(`worker killed: an interrupted delivery came again ${afterMs} ms after the SIGKILL`);
        expect(afterMs).toBeLessThan(10_000);
        await allArrivedOnce(stack, endpoint, clientId, 'worker SIGKILLed');
        expect(endpoint.duplicates).toBeGreaterThan(0);
      } finally {
        await worker.kill();
      }
    });
  });

  it("loses nothing when the producer's MySQL restarts during the relay", async () => {
    const options = { mariadb: true, backoffScale: 0.05 };
    await onOwnServices('MySQL Restart KK', options, async ({ stack, redis, mariadb, endpoint, clientId, contractId }) => {
      // Redis away while the reports are made: the relay holds all 50, trying to publish them.
      await redis.down();
      for (let i = 0; i < REPORTS; i += 1) await reportIncident(stack, [contractId]);
      expect(await unrelayed(stack)).toBe(REPORTS);
      // The database goes away under the relay; Redis comes back while it is gone; then the database.
      await mariadb!.down();
      await redis.up();
      await pause(2_000);
      expect(endpoint.deliveries).toEqual([]);
      await mariadb!.up();
      await allArrivedOnce(stack, endpoint, clientId, 'MySQL restarted during the relay');
    });
  });

  it('relays what a service committed before it went down, once it is back', async () => {
    await onOwnServices('Crash KK', { backoffScale: 0.05 }, async ({ stack, redis, endpoint, clientId, contractId }) => {
      // Committed, and not relayed: Redis is away, so the events stay in incidents' outbox ...
      await redis.down();
      for (let i = 0; i < REPORTS; i += 1) await reportIncident(stack, [contractId]);
      expect(await unrelayed(stack)).toBe(REPORTS);
      // ... when the service goes down; it comes back on the same port and databases.
      await stack.stop('incidents');
      await redis.up();
      await pause(1_000);
      expect(endpoint.deliveries).toEqual([]);
      await stack.start('incidents');
      await allArrivedOnce(stack, endpoint, clientId, 'service down between commit and relay');
    });
  });
});
