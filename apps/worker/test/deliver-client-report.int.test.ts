/**
 * Delivery through the real worker: jobs enqueued through the catalog on the real Redis, contracts'
 * routes stood in for from their definitions, a real HTTP receiver for webhooks and a real SMTP
 * server for email. Every try's outcome is read off the results queue as contracts would get it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import { DomainError, ErrorCode, newId } from '@azukari/common';
import { ClientReportDelivery, QueueName, createProducer, createRedis, openQueue, type JobPayload, type Producer } from '@azukari/jobs';
import { EmailDeliveryDetails, EndpointNoticeDetails, WebhookDeliveryDetails } from '@azukari/routes';
import {
  implement,
  startSmtpReceiver,
  standIn,
  testResources,
  type SmtpReceiver,
  type StandIn,
  type TestResources,
} from '@azukari/testing';
import { createApp, type WorkerApp } from '../src/app';
import { testWorkerConfig } from './worker-config';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const OLD_SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const SCALE = 0.01;

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}
type Outcome = {
  status: string;
  attempt: number;
  responseStatus: number | null;
  error: string | null;
  nextAttemptAt: string | null;
  at: string;
};

const pause = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

describe('worker: client report delivery', () => {
  let resources: TestResources;
  let worker: WorkerApp;
  let receiver: Server;
  let receiverUrl: string;
  let smtp: SmtpReceiver;
  let contracts: StandIn;
  let producer: Producer;
  let results: Queue;
  const received: Received[] = [];
  /** How the receiver answers a path; 204 when none is set. */
  const answers = new Map<string, (res: ServerResponse) => void>();
  /** What contracts answers for each delivery. */
  const webhooks = new Map<string, { url: string; secrets: string[]; body: string }>();
  const emails = new Map<string, { to: string; body: string }>();
  /** One endpoint id per URL, as contracts keeps them. */
  const endpoints = new Map<string, string>();
  let inFlight = 0;
  let maxInFlightAtSlow = 0;

  beforeAll(async () => {
    resources = testResources();
    receiver = createServer((req, res) => {
      const path = req.url ?? '/';
      const slow = path.startsWith('/slow');
      if (slow) maxInFlightAtSlow = Math.max(maxInFlightAtSlow, ++inFlight);
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ path, headers: req.headers, body, at: Date.now() });
        const answer = answers.get(path);
        if (answer) answer(res);
        else {
          res.statusCode = 204;
          res.end();
        }
      });
      res.on('close', () => {
        if (slow) inFlight -= 1;
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    smtp = await startSmtpReceiver();
    contracts = await standIn('contracts', [
      implement(WebhookDeliveryDetails, async ({ deliveryId }) => {
        const hook = webhooks.get(deliveryId);
        if (!hook) throw new DomainError(ErrorCode.NOT_FOUND, `No WEBHOOK delivery ${deliveryId}.`);
        return { reportId: (JSON.parse(hook.body) as { reportId: string }).reportId, endpointId: newId(), ...hook };
      }),
      implement(EmailDeliveryDetails, async ({ deliveryId }) => {
        const mail = emails.get(deliveryId);
        if (!mail) throw new DomainError(ErrorCode.NOT_FOUND, `No EMAIL delivery ${deliveryId}.`);
        const reportId = (JSON.parse(mail.body) as { reportId: string }).reportId;
        const link = { token: `link-of-${deliveryId}`, expiresAt: '2026-05-01T00:00:00.000Z', answers: ['ACKNOWLEDGE', 'COMMENT'] };
        return { reportId, to: mail.to, language: 'ja' as const, clientName: '株式会社テスト', body: mail.body, link };
      }),
      implement(EndpointNoticeDetails, async () => {
        throw new DomainError(ErrorCode.NOT_FOUND, 'not in this test');
      }),
    ]);
    worker = await createApp(
      await testWorkerConfig(resources, { contractsUrl: contracts.url, smtpUrl: smtp.url, backoffScale: SCALE, deliveryTimeoutMs: 1_000 }),
    );
    producer = createProducer('contracts', { redisUrl: resources.redisUrl, prefix: resources.queuePrefix });
    results = openQueue(
      QueueName.DELIVERY_RESULTS,
      { redisUrl: resources.redisUrl, prefix: resources.queuePrefix },
      createRedis(resources.redisUrl, 'producer'),
    );
  });

  afterAll(async () => {
    await worker.close();
    await producer.close();
    await results.close();
    receiver.closeAllConnections();
    receiver.close();
    await smtp.close();
    await contracts.close();
    await resources.cleanup();
  });

  const reportBody = (reportId: string) =>
    JSON.stringify({
      type: 'incident.reported',
      reportId,
      clientId: newId(),
      article: 'Art 7.1',
      subject: { type: 'Incident', id: newId() },
      contractIds: [newId()],
      occurredAt: '2026-04-01T00:00:00.000Z',
      dueAt: '2026-04-01T01:00:00.000Z',
      data: { kind: 'LOSS', recordCount: 3 },
    });

  /** A delivery as contracts hands it over, by webhook to `path` or by email. */
  const deliver = async (channel: 'WEBHOOK' | 'EMAIL', options: { path?: string; url?: string; secrets?: string[] } = {}) => {
    const reportId = newId();
    const deliveryId = newId();
    const body = reportBody(reportId);
    if (channel === 'WEBHOOK')
      webhooks.set(deliveryId, {
        url: options.url ?? `${receiverUrl}${options.path ?? '/hook'}`,
        secrets: options.secrets ?? [SECRET],
        body,
      });
    else emails.set(deliveryId, { to: 'privacy@client.example.jp', body });
    const target = options.url ?? options.path ?? '/hook';
    if (channel === 'WEBHOOK' && !endpoints.has(target)) endpoints.set(target, newId());
    const endpointId = channel === 'WEBHOOK' ? endpoints.get(target)! : null;
    const payload: JobPayload<typeof ClientReportDelivery> = { deliveryId, reportId, clientId: newId(), channel, endpointId };
    await producer.enqueue(ClientReportDelivery, { eventId: newId(), occurredAt: new Date().toISOString(), trace: null, payload });
    return { reportId, deliveryId, body };
  };
  /** The outcomes of one delivery on the results queue, by try. */
  const outcomesOf = async (deliveryId: string): Promise<Outcome[]> => {
    const jobs = await results.getJobs(['waiting', 'completed', 'failed', 'delayed', 'active'], 0, 10_000);
    return jobs
      .map((j) => (j.data as { payload: Outcome & { deliveryId: string } }).payload)
      .filter((p) => p.deliveryId === deliveryId)
      .sort((a, b) => a.attempt - b.attempt);
  };
  const until = async <T>(what: string, probe: () => Promise<T | null | false | undefined>, ms = 20_000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await pause(50);
    }
  };
  const finalOutcome = async (deliveryId: string) =>
    await until(`the final outcome of ${deliveryId}`, async () => {
      const all = await outcomesOf(deliveryId);
      const last = all[all.length - 1];
      return last && last.status !== 'RETRYING' ? all : null;
    });

  it('delivers the exact body, signed by every secret that signs now, with webhook-id = the report id', async () => {
    const { reportId, deliveryId, body } = await deliver('WEBHOOK', { path: '/rotating', secrets: [SECRET, OLD_SECRET] });
    const outcomes = await finalOutcome(deliveryId);
    expect(outcomes).toEqual([
      expect.objectContaining({ status: 'DELIVERED', attempt: 1, responseStatus: 204, error: null, nextAttemptAt: null }),
    ]);
    const got = received.filter((r) => r.headers['webhook-id'] === reportId);
    expect(got).toHaveLength(1);
    expect(got[0]!.body).toBe(body);
    expect(String(got[0]!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    // A receiver holding either secret verifies it: the overlap of a rotation.
    for (const secret of [SECRET, OLD_SECRET]) {
      expect(new Webhook(secret).verify(got[0]!.body, got[0]!.headers as Record<string, string>)).toEqual(JSON.parse(body));
    }
  });

  it('reports every failed try with when the next comes, doubling with jitter', async () => {
    answers.set('/down', (res) => {
      res.statusCode = 503;
      res.end();
    });
    // Tries are spent early here: the worker's own retries at 1/100 of their waits would still take minutes.
    const { deliveryId } = await deliver('WEBHOOK', { path: '/down' });
    const outcomes = await until('three tries', async () =>
      (await outcomesOf(deliveryId)).length >= 3 ? await outcomesOf(deliveryId) : null,
    );
    expect(outcomes.slice(0, 3).map((o) => [o.attempt, o.status, o.responseStatus])).toEqual([
      [1, 'RETRYING', 503],
      [2, 'RETRYING', 503],
      [3, 'RETRYING', 503],
    ]);
    for (const o of outcomes.slice(0, 3)) {
      // Doubling from 10 s (here 100 ms), ±20 %: each next try is announced, and later than the last.
      expect(new Date(o.nextAttemptAt!).getTime()).toBeGreaterThan(new Date(o.at).getTime());
    }
    const waits = outcomes.slice(0, 3).map((o) => new Date(o.nextAttemptAt!).getTime() - new Date(o.at).getTime());
    expect(waits[0]).toBeGreaterThanOrEqual(80);
    expect(waits[0]).toBeLessThanOrEqual(120);
    expect(waits[2]).toBeGreaterThanOrEqual(320);
    answers.delete('/down');
  });

  it('waits at least as long as Retry-After asks', async () => {
    let calls = 0;
    answers.set('/busy', (res) => {
      calls += 1;
      res.statusCode = calls === 1 ? 429 : 204;
      if (calls === 1) res.setHeader('retry-after', '200'); // 200 s, here 2 s
      res.end();
    });
    const { reportId, deliveryId } = await deliver('WEBHOOK', { path: '/busy' });
    const outcomes = await finalOutcome(deliveryId);
    expect(outcomes.map((o) => [o.attempt, o.status])).toEqual([
      [1, 'RETRYING'],
      [2, 'DELIVERED'],
    ]);
    expect(new Date(outcomes[0]!.nextAttemptAt!).getTime() - new Date(outcomes[0]!.at).getTime()).toBeGreaterThanOrEqual(2_000);
    const tries = received.filter((r) => r.headers['webhook-id'] === reportId).map((r) => r.at);
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(1_900);
  });

  it('ends a delivery whose endpoint answered 410 Gone at once, as GONE', async () => {
    answers.set('/gone', (res) => {
      res.statusCode = 410;
      res.end();
    });
    const { reportId, deliveryId } = await deliver('WEBHOOK', { path: '/gone' });
    expect(await finalOutcome(deliveryId)).toEqual([expect.objectContaining({ attempt: 1, status: 'GONE', responseStatus: 410 })]);
    await pause(300);
    expect(received.filter((r) => r.headers['webhook-id'] === reportId)).toHaveLength(1);
  });

  it('refuses loopback, private and metadata addresses outside the allow-list, after DNS and across redirects, without retrying', async () => {
    answers.set('/to-mysql', (res) => {
      res.statusCode = 307;
      res.setHeader('location', 'http://127.0.0.1:3306/');
      res.end();
    });
    const targets = [
      'http://127.0.0.1:3306/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.8/hook',
      'http://localhost:6379/',
      'http://[::1]:3306/',
      `${receiverUrl}/to-mysql`,
    ];
    for (const url of targets) {
      const { deliveryId } = await deliver('WEBHOOK', { url });
      const outcomes = await finalOutcome(deliveryId);
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0]).toMatchObject({ attempt: 1, status: 'FAILED', responseStatus: null });
      expect(outcomes[0]!.error).toMatch(/^refused: DNS lookup .* is not allowed/);
    }
  });

  it('never lets a silent endpoint hold up others: it gets at most its share of the worker, each cut off at the timeout', async () => {
    answers.set('/slow', () => undefined); // never answers
    maxInFlightAtSlow = 0;
    const slow = await Promise.all(Array.from({ length: 12 }, async () => await deliver('WEBHOOK', { path: '/slow' })));
    await pause(200);
    const started = Date.now();
    const fast = await deliver('WEBHOOK', { path: '/fast' });
    const outcome = await finalOutcome(fast.deliveryId);
    expect(outcome[0]).toMatchObject({ status: 'DELIVERED' });
    expect(Date.now() - started).toBeLessThan(1_000);
    const first = await until('the silent endpoint to be cut off', async () => {
      const tries = await outcomesOf(slow[0]!.deliveryId);
      return tries[0];
    });
    expect(first).toMatchObject({ status: 'RETRYING', responseStatus: null });
    expect(first.error).toMatch(/no answer within 1000 ms/);
    expect(maxInFlightAtSlow).toBeLessThanOrEqual(4);
    answers.delete('/slow');
  });

  it('emails a report to the report address, and ends at a 5xx answer but retries a 4xx one', async () => {
    const { reportId, deliveryId } = await deliver('EMAIL');
    expect(await finalOutcome(deliveryId)).toEqual([expect.objectContaining({ status: 'DELIVERED', attempt: 1, responseStatus: 250 })]);
    const [mail] = (await smtp.waitFor(1)).filter((m) => m.header('x-azukari-report-id') === reportId);
    expect(mail).toBeDefined();
    expect(mail!.to).toContain('privacy@client.example.jp');
    // The delivery's own answer link, from the details contracts gave.
    expect(mail!.text).toContain(`/report-link?token=link-of-${deliveryId}`);

    smtp.refuseNext(1, { code: 451 });
    const deferred = await deliver('EMAIL');
    expect((await finalOutcome(deferred.deliveryId)).map((o) => [o.attempt, o.status, o.responseStatus])).toEqual([
      [1, 'RETRYING', 451],
      [2, 'DELIVERED', 250],
    ]);

    smtp.refuseNext(1, { code: 550 });
    const refused = await deliver('EMAIL');
    expect((await finalOutcome(refused.deliveryId)).map((o) => [o.attempt, o.status, o.responseStatus])).toEqual([[1, 'FAILED', 550]]);
  });

  it('fails a delivery contracts no longer knows, at once', async () => {
    const deliveryId = newId();
    await producer.enqueue(ClientReportDelivery, {
      eventId: newId(),
      occurredAt: new Date().toISOString(),
      trace: null,
      payload: { deliveryId, reportId: newId(), clientId: newId(), channel: 'WEBHOOK', endpointId: newId() },
    });
    expect(await finalOutcome(deliveryId)).toEqual([
      expect.objectContaining({ attempt: 1, status: 'FAILED', error: `No WEBHOOK delivery ${deliveryId}.` }),
    ]);
  });

  it('serves health and counts each try by channel and outcome', async () => {
    const metrics = await (await fetch(`${worker.url}/metrics`)).text();
    const count = (channel: string, outcome: string) =>
      Number(
        new RegExp(`^azukari_report_deliveries_total\\{channel="${channel}",outcome="${outcome}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0,
      );
    expect((await fetch(`${worker.url}/health/ready`)).status).toBe(200);
    expect(count('webhook', 'gone')).toBe(1);
    expect(count('email', 'delivered')).toBe(2);
    expect(count('email', 'failed')).toBe(1);
    expect(count('webhook', 'delivered')).toBeGreaterThanOrEqual(3);
  });
});
