/**
 * The worker's operations: queue metrics read from its /metrics, the schedules it ticks on a test
 * clock, and the start-up check of Redis' maxmemory-policy against Redis servers of the test's own.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { TestClock, newId } from '@azukari/common';
import {
  ClientReportDelivery,
  CustodianAssigned,
  QueueName,
  RedisEvictionPolicyError,
  createRedis,
  defineSchedule,
  defineScheduledJob,
  jobIdFor,
  openQueue,
  readEvictionPolicy,
  requireNoEviction,
} from '@azukari/jobs';
import { LEVEL, OwnRedisServer, capturedLogger, testResources, type TestResources } from '@azukari/testing';
import { createApp, type WorkerApp } from '../src/app';
import type { WorkerConfig } from '../src/config';
import { testWorkerConfig } from './worker-config';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const workerConfig = async (redisUrl: string, queuePrefix: string, extra: Partial<WorkerConfig> = {}): Promise<WorkerConfig> =>
  await testWorkerConfig(
    { redisUrl, queuePrefix },
    // Retries of the delivery that cannot reach contracts wait long and stay out of the counts.
    { deliveryTimeoutMs: 500, backoffScale: 100, ...extra },
  );

/** One sample of a metric from a Prometheus text page, or undefined. */
const sample = (page: string, name: string, labels: string): number | undefined => {
  const line = page.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('worker: operations', () => {
  let resources: TestResources;
  let worker: WorkerApp;
  let reader: Redis;
  const clock = new TestClock(new Date('2026-04-01T00:00:30.000Z'));
  const ReminderDue = defineScheduledJob('test.reminder-due', QueueName.CONTRACTS_EVENTS);
  const Reminder = defineSchedule('test.reminder', { cron: '0 9 * * *', tz: 'Asia/Tokyo' }, ReminderDue);

  beforeAll(async () => {
    resources = testResources();
    reader = createRedis(resources.redisUrl, 'producer');
    worker = await createApp(
      await workerConfig(resources.redisUrl, resources.queuePrefix, { clock, schedules: [Reminder], scheduleTickMs: 100 }),
    );
  });

  afterAll(async () => {
    await worker.close();
    reader.disconnect();
    await resources.cleanup();
  });

  it("reports every queue's waiting, active, failed and delayed jobs, and the latency of what it consumed, on /metrics", async () => {
    const settings = { redisUrl: resources.redisUrl, prefix: resources.queuePrefix };
    // Nobody writes to personnel-events here; delivery-results gets the failed delivery's outcome.
    const results = openQueue(QueueName.PERSONNEL_EVENTS, settings, reader);
    const deliveries = openQueue(QueueName.DELIVERIES, settings, reader);
    const payload = {
      reportId: newId(),
      channel: 'WEBHOOK',
      status: 'DELIVERED',
      attempts: 1,
      at: clock.now().toISOString(),
      responseStatus: 204,
      error: null,
    };
    const envelope = (payload: unknown) => ({ eventId: newId(), occurredAt: clock.now().toISOString(), trace: null, payload });
    for (let i = 0; i < 3; i += 1) await results.add(CustodianAssigned.name, envelope(payload), { jobId: jobIdFor('test', newId()) });
    await results.add(CustodianAssigned.name, envelope(payload), { jobId: jobIdFor('test', newId()), delay: 3_600_000 });
    // A delivery the worker takes up (contracts cannot be reached, so the try fails and is retried).
    await deliveries.add(ClientReportDelivery.name, envelope({ reportId: newId(), clientId: newId(), channel: 'WEBHOOK' }), {
      jobId: jobIdFor('test', newId()),
      attempts: 1,
    });

    let page: string;
    const deadline = Date.now() + 10_000;
    do {
      await sleep(100);
      page = await (await fetch(`${worker.url}/metrics`)).text();
    } while (
      sample(page, 'azukari_queue_processing_seconds_count', 'queue="deliveries",outcome="failed"') === undefined &&
      Date.now() < deadline
    );

    expect(sample(page, 'azukari_queue_jobs', 'queue="personnel-events",state="waiting"')).toBe(3);
    expect(sample(page, 'azukari_queue_jobs', 'queue="personnel-events",state="delayed"')).toBe(1);
    expect(sample(page, 'azukari_queue_jobs', 'queue="personnel-events",state="active"')).toBe(0);
    expect(sample(page, 'azukari_queue_jobs', 'queue="deliveries",state="failed"')).toBe(1);
    for (const queue of Object.values(QueueName)) expect(sample(page, 'azukari_queue_counts_up', `queue="${queue}"`)).toBe(1);
    expect(sample(page, 'azukari_queue_oldest_waiting_seconds', 'queue="personnel-events"')).toBeGreaterThanOrEqual(0);
    expect(sample(page, 'azukari_queue_wait_seconds_count', 'queue="deliveries"')).toBe(1);
    expect(sample(page, 'azukari_queue_processing_seconds_count', 'queue="deliveries",outcome="failed"')).toBe(1);
    await results.close();
    await deliveries.close();
  });

  it('ticks the schedules on its clock: 09:00 in Tokyo fires once when the clock passes it', async () => {
    const target = new Queue(QueueName.CONTRACTS_EVENTS, { connection: reader, prefix: resources.queuePrefix });
    const occurrences = async () =>
      (await target.getJobs(['wait'])).map((job) => (job.data as { payload: { occurrence: string } }).payload.occurrence);
    await sleep(500);
    expect(await occurrences()).toEqual([]);

    clock.set(new Date('2026-04-02T00:00:01.000Z'));
    const deadline = Date.now() + 5_000;
    while ((await occurrences()).length === 0 && Date.now() < deadline) await sleep(50);
    await sleep(500);
    expect(await occurrences()).toEqual(['2026-04-02T00:00:00.000Z']);
    await target.close();
  });
});

describe("the start-up check of Redis' maxmemory-policy", () => {
  const servers: OwnRedisServer[] = [];
  const own = async (policy: string, args: string[] = []) => {
    const server = await OwnRedisServer.start({ maxmemoryPolicy: policy, args });
    servers.push(server);
    return server;
  };
  afterAll(async () => {
    for (const server of servers) await server.down();
  });

  it('refuses to start the worker on a Redis that may evict jobs, saying what to set', async () => {
    const redis = await own('allkeys-lru');
    const started = createApp(await workerConfig(redis.url, '{azt-policy}'));
    await expect(started).rejects.toBeInstanceOf(RedisEvictionPolicyError);
    await expect(started).rejects.toThrow(/maxmemory-policy "allkeys-lru".*BullMQ needs "noeviction".*maxmemory-policy noeviction/s);
  });

  it('reads the policy from INFO where CONFIG is disabled, as on managed Redis, and still refuses a wrong one', async () => {
    const redis = await own('volatile-lru', ['--rename-command', 'CONFIG', '']);
    const connection = createRedis(redis.url, 'worker');
    try {
      expect(await readEvictionPolicy(connection)).toEqual({ policy: 'volatile-lru', source: 'INFO memory' });
    } finally {
      connection.disconnect();
    }
    await expect(createApp(await workerConfig(redis.url, '{azt-policy}'))).rejects.toThrow(/maxmemory-policy "volatile-lru"/);
  });

  it('starts on noeviction, and says so when it cannot read the policy at all rather than refusing', async () => {
    const good = await own('noeviction');
    const app = await createApp(await workerConfig(good.url, '{azt-policy}'));
    await app.close();

    // An ACL that denies both, as some managed Redis do (ioredis skips its ready check on NOPERM).
    const hidden = await own('noeviction', ['--user', 'default', 'on', 'nopass', '~*', '&*', '+@all', '-config', '-info']);
    const connection = createRedis(hidden.url, 'worker');
    const { log, lines } = capturedLogger('worker', 'debug');
    try {
      await requireNoEviction(connection, log);
      const warning = lines.find((l) => l.level === LEVEL.warn);
      expect(warning?.msg).toMatch(/could not read Redis' maxmemory-policy: make sure it is noeviction/);
      expect((warning as { reason?: string } | undefined)?.reason).toMatch(/CONFIG GET refused.*INFO memory refused/);
    } finally {
      connection.disconnect();
    }
  });
});
