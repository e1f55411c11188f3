/**
 * The staff queue dashboard through the real gateway, over real Redis queues of this file's own
 * prefix, with contracts' token route stood in: staff sign in and see every queue and its counts;
 * partners and anonymous callers are refused on every path; job data and failures are redacted in
 * the API's JSON; nothing can be changed.
 */
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { TestClock, createLogger, generateApiToken, newId, type Principal, type SubgraphName } from '@azukari/common';
import { ClientReportRequested, QueueName, createProducer, createRedis, type Producer } from '@azukari/jobs';
import { VerifyToken } from '@azukari/routes';
import { implement, standIn, testKeys, testResources, type StandIn, type TestResources } from '@azukari/testing';
import { createApp, type GatewayApp } from '../src/gateway';

const SECRET_FACT = 'S3CRET-FACT-4711';
const SECRET_ERROR = 'password=hunter2';

describe('gateway: the queue dashboard at /admin/queues', () => {
  const staffToken = generateApiToken();
  const partnerToken = generateApiToken();
  const clientId = newId();
  const principals = new Map<string, Principal>([
    [staffToken, { kind: 'staff', tokenId: newId(), role: 'AUDITOR', employeeId: newId() }],
    [partnerToken, { kind: 'partner', tokenId: newId(), clientId, scopes: ['contracts:read'] }],
  ]);
  const clock = new TestClock(new Date());
  let resources: TestResources;
  let contracts: StandIn;
  let gateway: GatewayApp;
  let producer: Producer;
  let base: string;

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers, redirect: 'manual' });
  const signIn = async (): Promise<string> => {
    const answer = await fetch(`${base}/admin/queues/session`, { method: 'POST', headers: { authorization: `Bearer ${staffToken}` } });
    expect(answer.status).toBe(204);
    return (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };

  beforeAll(async () => {
    resources = testResources();
    const keys = await testKeys();
    contracts = await standIn('contracts', [
      implement(VerifyToken, async ({ token }) => ({ principal: principals.get(token) ?? null, expiresAt: null })),
    ]);
    const nowhere = 'http://127.0.0.1:9';
    gateway = await createApp({
      port: 0,
      host: '127.0.0.1',
      supergraphPath: join(__dirname, '..', 'supergraph.graphql'),
      signingKey: keys.privateKey('gateway'),
      serviceUrls: { contracts: contracts.url, custody: nowhere, personnel: nowhere, incidents: nowhere } as Record<SubgraphName, string>,
      redisUrl: resources.redisUrl,
      queuePrefix: resources.queuePrefix,
      tokenCacheMs: 0,
      limits: { maxDepth: 12, maxCost: 20_000, maxAliases: 20, maxTokens: 5_000, maxDirectives: 20, requestsPerMinute: 10_000 },
      clock,
      log: createLogger('gateway', 'silent'),
    });
    base = gateway.url;

    // A report request waiting, carrying a fact that must not show; and a job failed with a secret in its error.
    const settings = { redisUrl: resources.redisUrl, prefix: resources.queuePrefix };
    producer = createProducer('test', settings);
    await producer.enqueue(ClientReportRequested, {
      eventId: newId(),
      occurredAt: new Date().toISOString(),
      trace: null,
      payload: {
        clientId,
        contractIds: [newId()],
        article: 'Art 7.1',
        kind: 'incident.reported',
        subject: { type: 'Incident', id: newId() },
        facts: { summary: SECRET_FACT },
        dueAt: new Date().toISOString(),
      },
    });
    const connection = createRedis(resources.redisUrl, 'worker');
    const results = new Queue(QueueName.DELIVERY_RESULTS, { connection, prefix: resources.queuePrefix });
    await results.add(
      'client-report.delivery-outcome',
      { eventId: newId(), occurredAt: new Date().toISOString(), trace: null, payload: {} },
      { jobId: 'test-failing', attempts: 1 },
    );
    const failing = new Worker(
      QueueName.DELIVERY_RESULTS,
      async () => {
        throw new Error(`could not connect with ${SECRET_ERROR}`);
      },
      { connection, prefix: resources.queuePrefix },
    );
    await new Promise<void>((resolve) => failing.once('failed', () => resolve()));
    await failing.close();
    await results.close();
    connection.disconnect();
  });

  afterAll(async () => {
    await gateway.close();
    await producer.close();
    await contracts.close();
    await resources.cleanup();
  });

  it('refuses anonymous callers with 401 on the page, its assets and its API, and points them to sign in', async () => {
    for (const path of [
      '/admin/queues',
      '/admin/queues/',
      '/admin/queues/api/queues',
      '/admin/queues/api/redis/stats',
      '/admin/queues/static/images/logo.svg',
    ]) {
      const answer = await get(path, { accept: 'application/json' });
      expect({ path, status: answer.status }).toEqual({ path, status: 401 });
      expect(await answer.json()).toMatchObject({ signIn: '/admin/queues/login' });
    }
    expect((await get('/admin/queues/', { accept: 'text/html' })).status).toBe(401);
    // A token that is not one, and a cookie this gateway did not seal.
    expect((await get('/admin/queues/api/queues', { authorization: `Bearer ${generateApiToken()}` })).status).toBe(401);
    expect((await get('/admin/queues/api/queues', { cookie: 'azukari_queues=forged' })).status).toBe(401);
    // The sign-in page itself is open, and asks for nothing but the token.
    const login = await get('/admin/queues/login');
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('/admin/queues/session');
  });

  it('refuses partners with 403, by bearer token and at sign-in, which gives them no cookie', async () => {
    for (const path of ['/admin/queues/', '/admin/queues/api/queues', '/admin/queues/static/images/logo.svg'])
      expect((await get(path, { authorization: `Bearer ${partnerToken}` })).status).toBe(403);
    const signIn = await fetch(`${base}/admin/queues/session`, { method: 'POST', headers: { authorization: `Bearer ${partnerToken}` } });
    expect(signIn.status).toBe(403);
    expect(signIn.headers.get('set-cookie')).toBeNull();
  });

  it('signs staff in with a short-lived, HttpOnly, SameSite=Strict cookie scoped to the dashboard, and shows every queue with its counts', async () => {
    const answer = await fetch(`${base}/admin/queues/session`, { method: 'POST', headers: { authorization: `Bearer ${staffToken}` } });
    const setCookie = answer.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^azukari_queues=[\w-]+; Path=\/admin\/queues; Max-Age=900; HttpOnly; Secure; SameSite=Strict$/);
    // Not the token: the cookie is sealed.
    expect(setCookie).not.toContain(staffToken);
    const cookie = setCookie.split(';')[0]!;

    const page = await get('/admin/queues/', { cookie, accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Azukari queues');

    const board = (await (await get('/admin/queues/api/queues', { cookie })).json()) as {
      queues: { name: string; counts: Record<string, number> }[];
    };
    expect(board.queues.map((q) => q.name).sort()).toEqual(Object.values(QueueName).sort());
    const counts = Object.fromEntries(board.queues.map((q) => [q.name, q.counts]));
    expect(counts[QueueName.CONTRACTS_EVENTS]).toMatchObject({ waiting: 1, failed: 0 });
    expect(counts[QueueName.DELIVERY_RESULTS]).toMatchObject({ failed: 1 });
  });

  it("shows a job's ids but never its facts, and a failure without its message or stack", async () => {
    const cookie = await signIn();
    const waiting = await (
      await get(`/admin/queues/api/queues?activeQueue=${QueueName.CONTRACTS_EVENTS}&status=waiting`, { cookie })
    ).text();
    const failed = await (await get(`/admin/queues/api/queues?activeQueue=${QueueName.DELIVERY_RESULTS}&status=failed`, { cookie })).text();
    const one = await (await get(`/admin/queues/api/queues/${QueueName.DELIVERY_RESULTS}/test-failing`, { cookie })).text();
    for (const json of [waiting, failed, one]) {
      expect(json).not.toContain(SECRET_FACT);
      expect(json).not.toContain(SECRET_ERROR);
      expect(json).not.toContain('hunter2');
    }
    const job = (
      JSON.parse(waiting) as { queues: { name: string; jobs: { data: { eventId: string; payload: Record<string, unknown> } }[] }[] }
    ).queues.find((q) => q.name === QueueName.CONTRACTS_EVENTS)!.jobs[0]!;
    expect(job.data.payload).toMatchObject({
      clientId,
      facts: '[redacted]',
      article: '[redacted]',
      kind: '[redacted]',
      subject: '[redacted]',
    });
    expect(job.data.payload.contractIds).toHaveLength(1);
    expect(job.data.eventId).toMatch(/^[0-9a-f-]{36}$/);
    const failure = (JSON.parse(one) as { job: { failedReason: string; stacktrace: string[] } }).job;
    expect(failure.failedReason).toBe('[redacted]: see the logs for job test-failing');
    expect(failure.stacktrace).toEqual([]);
  });

  it('is read-only: every action is refused and changes nothing', async () => {
    const cookie = await signIn();
    for (const [method, path] of [
      ['PUT', `/admin/queues/api/queues/${QueueName.DELIVERY_RESULTS}/retry/failed`],
      ['PUT', `/admin/queues/api/queues/${QueueName.DELIVERY_RESULTS}/test-failing/retry`],
      ['PUT', `/admin/queues/api/queues/${QueueName.CONTRACTS_EVENTS}/empty`],
      ['PUT', '/admin/queues/api/queues/pause'],
      ['POST', `/admin/queues/api/queues/${QueueName.CONTRACTS_EVENTS}/add`],
    ] as const) {
      const answer = await fetch(`${base}${path}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
      expect({ path, status: answer.status }).toEqual({ path, status: 405 });
    }
    const board = (await (await get('/admin/queues/api/queues', { cookie })).json()) as {
      queues: { name: string; counts: Record<string, number>; isPaused: boolean }[];
    };
    const counts = Object.fromEntries(board.queues.map((q) => [q.name, q.counts]));
    expect(counts[QueueName.CONTRACTS_EVENTS]).toMatchObject({ waiting: 1 });
    expect(counts[QueueName.DELIVERY_RESULTS]).toMatchObject({ failed: 1 });
    expect(board.queues.every((q) => !q.isPaused)).toBe(true);
  });

  it('ends a sign-in after fifteen minutes, and on sign-out', async () => {
    const cookie = await signIn();
    clock.advance(14 * 60_000);
    expect((await get('/admin/queues/api/queues', { cookie })).status).toBe(200);
    clock.advance(2 * 60_000);
    expect((await get('/admin/queues/api/queues', { cookie })).status).toBe(401);

    const signOut = await fetch(`${base}/admin/queues/session`, { method: 'DELETE' });
    expect(signOut.headers.get('set-cookie')).toMatch(/^azukari_queues=; Path=\/admin\/queues; Max-Age=0/);
  });
});
