/**
 * Schedules on a TestClock against the real Redis: a real BullMQ job scheduler ticks every 100 ms,
 * and the test moves the clock. Fired occurrences are read from the target queue (no consumer
 * runs, so each stays there as a waiting job).
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { TestClock, createLogger } from '@azukari/common';
import { envelopeSchema } from './job';
import { QueueName } from './queue-names';
import { createRedis, type QueueSettings } from './queues';
import {
  defineSchedule,
  defineScheduledJob,
  occurrenceEventId,
  occurrencesBetween,
  startSchedules,
  type RunningSchedules,
  type ScheduleDefinition,
} from './schedules';

const REDIS = process.env.AZUKARI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = createLogger('jobs', 'silent');
const TICK_MS = 100;

const EveryMinuteDue = defineScheduledJob('test.every-minute-due', QueueName.CONTRACTS_EVENTS);
const EveryMinute = defineSchedule('test.every-minute', { everyMs: 60_000 }, EveryMinuteDue);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('schedules', () => {
  const reader = createRedis(REDIS, 'producer');
  const prefixes: string[] = [];
  const running: RunningSchedules[] = [];

  const freshSettings = (): QueueSettings => {
    const prefix = `{azt-sched-${randomBytes(4).toString('hex')}}`;
    prefixes.push(prefix);
    return { redisUrl: REDIS, prefix };
  };
  const start = async (settings: QueueSettings, clock: TestClock, schedules: ScheduleDefinition[] = [EveryMinute]) => {
    const started = await startSchedules({ schedules, settings, clock, log, tickMs: TICK_MS });
    running.push(started);
    return started;
  };
  const stop = async (schedules: RunningSchedules) => {
    running.splice(running.indexOf(schedules), 1);
    await schedules.close();
  };
  /** The occurrences enqueued so far, oldest first, with their job ids. */
  const fired = async (settings: QueueSettings): Promise<{ id: string; occurrence: string }[]> => {
    const queue = new Queue(QueueName.CONTRACTS_EVENTS, { connection: reader, prefix: settings.prefix });
    const jobs = await queue.getJobs(['wait', 'completed', 'active', 'delayed', 'failed']);
    await queue.close();
    return jobs
      .map((job) => ({ id: String(job.id), occurrence: (job.data as { payload: { occurrence: string } }).payload.occurrence }))
      .sort((a, b) => a.occurrence.localeCompare(b.occurrence));
  };
  const firedSoon = async (settings: QueueSettings, count: number) => {
    const deadline = Date.now() + 5_000;
    while ((await fired(settings)).length < count && Date.now() < deadline) await sleep(25);
    // A few more ticks: anything that would fire twice has had its chance.
    await sleep(TICK_MS * 5);
    return await fired(settings);
  };

  afterAll(async () => {
    await Promise.all(running.map((r) => r.close()));
    for (const prefix of prefixes) {
      for (const name of [QueueName.CONTRACTS_EVENTS, QueueName.SCHEDULES])
        await new Queue(name, { connection: reader, prefix }).obliterate({ force: true });
      await reader.del(`${prefix}:schedule-markers`);
    }
    reader.disconnect();
  });

  it('finds the occurrences of a cron in Asia/Tokyo and of an interval, after one instant up to another', () => {
    const daily = { cron: '0 9 * * *', tz: 'Asia/Tokyo' };
    // 09:00 in Tokyo is 00:00 UTC; an occurrence at the start instant itself has fired already.
    expect(
      occurrencesBetween(daily, new Date('2026-04-01T00:00:00Z'), new Date('2026-04-04T00:00:00Z'), 10).map((d) => d.toISOString()),
    ).toEqual(['2026-04-02T00:00:00.000Z', '2026-04-03T00:00:00.000Z', '2026-04-04T00:00:00.000Z']);
    expect(occurrencesBetween({ everyMs: 60_000 }, new Date('2026-04-01T00:00:30Z'), new Date('2026-04-01T00:03:00Z'), 2)).toEqual([
      new Date('2026-04-01T00:01:00Z'),
      new Date('2026-04-01T00:02:00Z'),
    ]);
  });

  it('derives one event id per occurrence, the same everywhere, that the envelope accepts', () => {
    const at = new Date('2026-04-01T00:01:00Z');
    const id = occurrenceEventId('test.every-minute', at);
    expect(id).toBe(occurrenceEventId('test.every-minute', new Date(at.getTime())));
    expect(id).not.toBe(occurrenceEventId('test.every-minute', new Date('2026-04-01T00:02:00Z')));
    expect(id).not.toBe(occurrenceEventId('test.other', at));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(envelopeSchema.safeParse({ eventId: id, occurredAt: at.toISOString(), trace: null, payload: {} }).success).toBe(true);
  });

  it('refuses a schedule with a bad cron, time zone or interval when it is defined', () => {
    expect(() => defineSchedule('test.bad', { cron: 'every day', tz: 'Asia/Tokyo' }, EveryMinuteDue)).toThrow();
    expect(() => defineSchedule('test.bad', { cron: '0 9 * * *', tz: 'Mars/Olympus' }, EveryMinuteDue)).toThrow();
    expect(() => defineSchedule('test.bad', { everyMs: 10 }, EveryMinuteDue)).toThrow(/everyMs/);
  });

  it('fires an occurrence once when the clock passes it, and each of three passed at once', async () => {
    const settings = freshSettings();
    const clock = new TestClock(new Date('2026-04-01T00:00:30.000Z'));
    await start(settings, clock);
    await sleep(TICK_MS * 4);
    expect(await fired(settings)).toEqual([]);

    clock.advance(45_000);
    const once = await firedSoon(settings, 1);
    expect(once.map((f) => f.occurrence)).toEqual(['2026-04-01T00:01:00.000Z']);
    expect(once[0]?.id).toBe(`schedule-${occurrenceEventId('test.every-minute', new Date('2026-04-01T00:01:00.000Z'))}`);

    clock.advance(3 * 60_000);
    expect((await firedSoon(settings, 4)).map((f) => f.occurrence)).toEqual([
      '2026-04-01T00:01:00.000Z',
      '2026-04-01T00:02:00.000Z',
      '2026-04-01T00:03:00.000Z',
      '2026-04-01T00:04:00.000Z',
    ]);
  });

  it('fires each occurrence once while two workers tick at the same time', async () => {
    const settings = freshSettings();
    const clock = new TestClock(new Date('2026-04-01T00:00:30.000Z'));
    const [a, b] = [await start(settings, clock), await start(settings, clock)];
    clock.advance(5 * 60_000);
    // Besides their real ticks, both tick again and again at the very same moment.
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick(), a.tick(), b.tick()]);
    const occurrences = (await firedSoon(settings, 5)).map((f) => f.occurrence);
    expect(occurrences).toHaveLength(5);
    expect(new Set(occurrences).size).toBe(5);
  });

  it('keeps its job scheduler and markers across a restart and fires nothing again, even once the jobs are gone', async () => {
    const settings = freshSettings();
    const clock = new TestClock(new Date('2026-04-01T00:00:30.000Z'));
    const first = await start(settings, clock);
    clock.advance(2 * 60_000);
    expect(await firedSoon(settings, 2)).toHaveLength(2);
    await stop(first);

    // As after KEEP_COMPLETED's week: the completed jobs, and with them their ids, are gone.
    await new Queue(QueueName.CONTRACTS_EVENTS, { connection: reader, prefix: settings.prefix }).obliterate({ force: true });
    const second = await start(settings, clock);
    await second.tick();
    await sleep(TICK_MS * 5);
    expect(await fired(settings)).toEqual([]);
    const ticks = new Queue(QueueName.SCHEDULES, { connection: reader, prefix: settings.prefix });
    expect(await ticks.getJobSchedulersCount()).toBe(1);
    await ticks.close();

    clock.advance(60_000);
    expect((await firedSoon(settings, 1)).map((f) => f.occurrence)).toEqual(['2026-04-01T00:03:00.000Z']);
  });
});
