import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue, QueueEvents } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import { DomainError, ErrorCode, createLogger, newId, type SubgraphName } from '@azukari/common';
import { ClientReportDelivery, QueueName, createRedis, jobIdFor, openQueue } from '@azukari/jobs';
import { WebhookDeliveryDetails } from '@azukari/routes';
import { implement, standIn, testKeys, testResources, type StandIn, type TestResources } from '@azukari/testing';
import { createApp, type WorkerApp } from '../src/app';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

const listen = async (server: Server): Promise<string> =>
  await new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

describe('worker: client report delivery', () => {
  let resources: TestResources;
  let worker: WorkerApp;
  let receiver: Server;
  let contracts: StandIn;
  let receiverStatus = 204;
  let detailsUnavailable = false;
  const received: Received[] = [];
  const reports = new Map<string, string>();
  let deliveries: Queue;
  let results: Queue;
  let producer: ReturnType<typeof createRedis>;

  beforeAll(async () => {
    // The run's Redis and this file's queue prefix, for the producer as for the worker.
    resources = testResources();
    producer = createRedis(resources.redisUrl, 'producer');
    const keys = await testKeys();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = receiverStatus;
        res.end();
      });
    });
    const receiverUrl = await listen(receiver);
    // Stands in for contracts' internal route, from its definition: it checks the worker's credential as contracts does.
    contracts = await standIn('contracts', [
      implement(WebhookDeliveryDetails, async ({ reportId }) => {
        if (detailsUnavailable) throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'database failover');
        const reportBody = reports.get(reportId);
        if (!reportBody) throw new DomainError(ErrorCode.NOT_FOUND, `No client report ${reportId}.`);
        return { reportId, url: `${receiverUrl}/hook`, secret: SECRET, body: reportBody };
      }),
    ]);
    const contractsUrl = contracts.url;
    worker = await createApp({
      port: 0,
      host: '127.0.0.1',
      redisUrl: resources.redisUrl,
      queuePrefix: resources.queuePrefix,
      signingKey: keys.privateKey('worker'),
      serviceUrls: {
        contracts: contractsUrl,
        custody: 'http://127.0.0.1:9',
        personnel: 'http://127.0.0.1:9',
        incidents: 'http://127.0.0.1:9',
      } as Record<SubgraphName, string>,
      deliveryTimeoutMs: 2_000,
      log: createLogger('worker', 'silent'),
    });
    const settings = { redisUrl: resources.redisUrl, prefix: resources.queuePrefix };
    deliveries = openQueue(QueueName.DELIVERIES, settings, producer);
    results = openQueue(QueueName.DELIVERY_RESULTS, settings, producer);
  });

  afterAll(async () => {
    await worker.close();
    await deliveries.close();
    await results.close();
    producer.disconnect();
    receiver.closeAllConnections();
    receiver.close();
    await contracts.close();
    await resources.cleanup();
  });

  const enqueue = async (reportId: string, attempts = 3) => {
    const eventId = newId();
    const connection = createRedis(resources.redisUrl, 'worker');
    const events = new QueueEvents(QueueName.DELIVERIES, { connection, prefix: resources.queuePrefix });
    await events.waitUntilReady();
    const job = await deliveries.add(
      ClientReportDelivery.name,
      { eventId, occurredAt: new Date().toISOString(), trace: null, payload: { reportId, clientId: newId(), channel: 'WEBHOOK' } },
      { jobId: jobIdFor('contracts', eventId), attempts, backoff: { type: 'fixed', delay: 50 } },
    );
    await job.waitUntilFinished(events).catch(() => undefined);
    await events.close();
    connection.disconnect();
    return eventId;
  };

  it('delivers the exact body, signed, with webhook-id = the report id, and reports DELIVERED', async () => {
    const reportId = newId();
    const body = JSON.stringify({ type: 'incident.reported', reportId, data: { incidentId: newId() } });
    reports.set(reportId, body);
    const eventId = await enqueue(reportId);

    const got = received.filter((r) => r.headers['webhook-id'] === reportId);
    expect(got).toHaveLength(1);
    expect(got[0]!.body).toBe(body);
    // The receiver's own check, with the client's secret.
    expect(new Webhook(SECRET).verify(got[0]!.body, got[0]!.headers as Record<string, string>)).toEqual(JSON.parse(body));

    const outcome = await results.getJob(jobIdFor('worker', eventId));
    expect(outcome?.data.payload).toMatchObject({ reportId, status: 'DELIVERED', attempts: 1, responseStatus: 204, error: null });
  });

  it('retries a failing endpoint and reports FAILED after the last attempt, with the status it saw', async () => {
    receiverStatus = 503;
    const reportId = newId();
    reports.set(reportId, JSON.stringify({ reportId }));
    const eventId = await enqueue(reportId, 3);
    receiverStatus = 204;

    expect(received.filter((r) => r.headers['webhook-id'] === reportId)).toHaveLength(3);
    const outcome = await results.getJob(jobIdFor('worker', eventId));
    expect(outcome?.data.payload).toMatchObject({ reportId, status: 'FAILED', attempts: 3, responseStatus: 503 });
  });

  it('does not retry an endpoint that answered 410 Gone', async () => {
    receiverStatus = 410;
    const reportId = newId();
    reports.set(reportId, JSON.stringify({ reportId }));
    const eventId = await enqueue(reportId, 5);
    receiverStatus = 204;

    expect(received.filter((r) => r.headers['webhook-id'] === reportId)).toHaveLength(1);
    expect((await results.getJob(jobIdFor('worker', eventId)))?.data.payload).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      responseStatus: 410,
    });
  });

  it('reports FAILED when contracts cannot give the delivery details by the last attempt, so no report stays PENDING', async () => {
    const reportId = newId();
    detailsUnavailable = true;
    const eventId = await enqueue(reportId, 2);
    detailsUnavailable = false;
    expect(received.filter((r) => r.headers['webhook-id'] === reportId)).toHaveLength(0);
    const outcome = await results.getJob(jobIdFor('worker', eventId));
    expect(outcome?.data.payload).toMatchObject({ reportId, status: 'FAILED', attempts: 2, responseStatus: null });
    expect(outcome?.data.payload.error).toMatch(/^delivery details unavailable/);
  });

  it('serves health and counts each delivery attempt by outcome', async () => {
    // Deltas over this test's own deliveries: the counters also hold the earlier tests' attempts.
    const attempts = async (): Promise<Record<'delivered' | 'retry' | 'failed', number>> => {
      const metrics = await (await fetch(`${worker.url}/metrics`)).text();
      const count = (outcome: string) =>
        Number(
          new RegExp(`^azukari_report_deliveries_total\\{channel="webhook",outcome="${outcome}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0,
        );
      return { delivered: count('delivered'), retry: count('retry'), failed: count('failed') };
    };
    const before = await attempts();
    const delivered = newId();
    reports.set(delivered, JSON.stringify({ reportId: delivered }));
    await enqueue(delivered, 2);
    receiverStatus = 503;
    const failing = newId();
    reports.set(failing, JSON.stringify({ reportId: failing }));
    await enqueue(failing, 2);
    receiverStatus = 204;

    const after = await attempts();

    expect((await fetch(`${worker.url}/health/ready`)).status).toBe(200);
    const added = Object.fromEntries(Object.entries(after).map(([outcome, n]) => [outcome, n - before[outcome as keyof typeof before]]));
    expect(added).toEqual({ delivered: 1, retry: 1, failed: 1 });
  });
});
