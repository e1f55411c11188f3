/**
 * Schedules: what recurs or falls due (annual reports, training expiry, overdue take-outs,
 * regulator deadlines). A schedule is defined once (`defineSchedule`): its name, its recurrence (a
 * cron in a time zone, or a fixed interval) and the catalog job it enqueues for the service that
 * owns the duty. Each occurrence is one job whose payload names the schedule and the occurrence.
 *
 * Time comes from the injectable clock, not from BullMQ: a BullMQ job scheduler only ticks (every
 * few seconds, in real time), and each tick enqueues every occurrence due by `clock.now()` that has
 * not fired. So a test moves a TestClock and sees exactly the occurrences it passed.
 *
 * Never twice: each occurrence's event id is derived from the schedule and the instant (a UUIDv5),
 * so its job id is the same whoever enqueues it and a second add collapses; and a durable marker in
 * Redis (the last occurrence fired, per schedule, only ever moved forward) keeps an occurrence from
 * being enqueued again once its completed job has been removed (KEEP_COMPLETED). Two workers
 * ticking at once enqueue the same job ids; a restart reads the marker. The marker moves after each
 * add, so a crash between the two re-adds one job id, which collapses.
 *
 * Catching up: after a stop, every missed occurrence fires, oldest first, each with its own instant,
 * since each may be its own duty (a day's deadlines); a handler that only needs the latest can
 * skip older ones by their instant. At most MAX_CATCH_UP_PER_TICK per schedule and tick, the rest
 * on the next ticks.
 *
 * A schedule first seen starts at that moment: occurrences before it never fire.
 */
import { createHash } from 'node:crypto';
import { CronExpressionParser } from 'cron-parser';
import type { Queue, Worker } from 'bullmq';
import { settlesWithinMs, type Clock, type Logger } from '@azukari/common';
import type { JobEnvelope } from './job';
import { scheduleName, type Occurrence, type ScheduledJobDefinition } from './scheduled-job';

export { defineScheduledJob, occurrenceSchema, type Occurrence, type ScheduledJobDefinition } from './scheduled-job';
import { QueueName } from './queue-names';
import { createProducer, openQueue, openWorker, type QueueSettings } from './queues';
import { redisAnswersAtStart } from './redis-ready';

export type Recurrence =
  /** A cron expression (five fields, or six with seconds) read in a time zone, e.g. `Asia/Tokyo`. */
  | { cron: string; tz: string }
  /** Every `everyMs`, counted from the Unix epoch so that every process agrees on the instants. */
  | { everyMs: number };

export interface ScheduleDefinition {
  name: string;
  recurrence: Recurrence;
  job: ScheduledJobDefinition;
}

/** One schedule, checked when it is defined: a bad cron or time zone fails at import, not at 3 a.m. */
export const defineSchedule = (name: string, recurrence: Recurrence, job: ScheduledJobDefinition): ScheduleDefinition => {
  scheduleName.parse(name);
  if ('everyMs' in recurrence) {
    if (!Number.isInteger(recurrence.everyMs) || recurrence.everyMs < 1_000)
      throw new Error(`schedule ${name}: everyMs must be a whole number ≥ 1000`);
  } else {
    // Throws on a bad expression; the first occurrence throws on an unknown time zone.
    CronExpressionParser.parse(recurrence.cron, { tz: recurrence.tz }).next();
  }
  return { name, recurrence, job };
};

/** The occurrences in (after, until], oldest first, at most `max`. */
export const occurrencesBetween = (recurrence: Recurrence, after: Date, until: Date, max: number): Date[] => {
  const found: Date[] = [];
  if ('everyMs' in recurrence) {
    for (
      let at = (Math.floor(after.getTime() / recurrence.everyMs) + 1) * recurrence.everyMs;
      at <= until.getTime();
      at += recurrence.everyMs
    ) {
      if (found.length >= max) break;
      found.push(new Date(at));
    }
    return found;
  }
  const expression = CronExpressionParser.parse(recurrence.cron, { currentDate: after, tz: recurrence.tz });
  while (found.length < max) {
    const next = expression.next().toDate();
    if (next.getTime() > until.getTime()) break;
    found.push(next);
  }
  return found;
};

/** A fixed namespace for the UUIDv5 of occurrences (RFC 9562 §5.5). */
const OCCURRENCE_NAMESPACE = Buffer.from('5f0c4d2a8f6b4e5f9a3d2b1c0e7a6d45', 'hex');

/** The event id of one occurrence: the same in every process, so its job id collapses. */
export const occurrenceEventId = (schedule: string, occurrence: Date): string => {
  const hash = createHash('sha1').update(OCCURRENCE_NAMESPACE).update(`${schedule}@${occurrence.toISOString()}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** The producer name of scheduled jobs: their job ids are `schedule-<occurrence uuid>`. */
export const SCHEDULE_PRODUCER = 'schedule';
export const MAX_CATCH_UP_PER_TICK = 100;
/** How often the BullMQ job scheduler ticks: the delay between an occurrence and its job. */
export const DEFAULT_TICK_MS = 5_000;
const TICK_SCHEDULER_ID = 'schedules-tick';

const markerKey = (prefix: string): string => `${prefix}:schedule-markers`;
/** Moves a schedule's marker forward only: a slow tick never moves it back over a faster one's. */
const ADVANCE_MARKER = `
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
if not current or current < tonumber(ARGV[2]) then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 1`;

export interface SchedulesOptions {
  schedules: readonly ScheduleDefinition[];
  settings: QueueSettings;
  clock: Clock;
  log: Logger;
  tickMs?: number;
}

export interface RunningSchedules {
  /** One tick, as the job scheduler runs it: enqueues what is due; answers how many it enqueued. */
  tick(): Promise<number>;
  /** The BullMQ worker that runs the ticks (for readiness). */
  worker: Worker;
  close(): Promise<void>;
}

/**
 * Starts ticking in this process: upserts the BullMQ job scheduler (idempotent: every process
 * upserts the same id, and its state lives in Redis) and consumes its ticks. Several processes may
 * run it; each tick is taken by one of them, and two ticks at once still fire each occurrence once.
 */
export const startSchedules = async (options: SchedulesOptions): Promise<RunningSchedules> => {
  const { schedules, settings, clock, log } = options;
  const tickMs = options.tickMs ?? DEFAULT_TICK_MS;
  const names = schedules.map((s) => s.name);
  if (new Set(names).size !== names.length) throw new Error(`schedules must have distinct names: [${names}]`);
  const producer = createProducer(SCHEDULE_PRODUCER, settings, log);
  const redis = producer.redis;
  const key = markerKey(settings.prefix);
  const queue: Queue = openQueue(QueueName.SCHEDULES, settings, redis);

  /** A schedule first seen starts now; an existing marker is kept (a restart). */
  const startMarkers = async (): Promise<void> => {
    const now = String(clock.now().getTime());
    for (const schedule of schedules) await redis.hsetnx(key, schedule.name, now);
  };
  const ensureTicking = async (): Promise<void> => {
    await queue.upsertJobScheduler(
      TICK_SCHEDULER_ID,
      { every: tickMs },
      // A tick carries nothing and is worth nothing once done: keep none of them.
      { name: 'schedule.tick', data: {}, opts: { removeOnComplete: true, removeOnFail: { count: 100 } } },
    );
    await startMarkers();
  };

  const tick = async (): Promise<number> => {
    const now = clock.now();
    let fired = 0;
    for (const schedule of schedules) {
      const last = await redis.hget(key, schedule.name);
      if (last === null) {
        await redis.hsetnx(key, schedule.name, String(now.getTime()));
        continue;
      }
      for (const at of occurrencesBetween(schedule.recurrence, new Date(Number(last)), now, MAX_CATCH_UP_PER_TICK)) {
        const occurrence = at.toISOString();
        const envelope: JobEnvelope<Occurrence> = {
          eventId: occurrenceEventId(schedule.name, at),
          occurredAt: occurrence,
          trace: null,
          payload: { schedule: schedule.name, occurrence },
        };
        await producer.enqueue(schedule.job, envelope);
        await redis.eval(ADVANCE_MARKER, 1, key, schedule.name, String(at.getTime()));
        fired += 1;
        log.info({ schedule: schedule.name, occurrence, job: schedule.job.name }, 'schedule fired');
      }
    }
    return fired;
  };

  const worker = openWorker(QueueName.SCHEDULES, settings, async () => void (await tick()), { concurrency: 1 }, log);
  worker.on('failed', (_job, error) => log.warn({ err: error.message }, 'schedule tick failed; the next tick catches up'));
  // Redis may be away at start: the scheduler is upserted once it answers, and again after each
  // outage (an upsert of the same id changes nothing).
  const onReady = () => {
    ensureTicking().catch((error: unknown) => log.warn({ err: (error as Error).message }, 'could not upsert the schedules tick'));
  };
  redis.on('ready', onReady);
  if (await redisAnswersAtStart(redis, 3_000)) await ensureTicking();
  else log.warn('Redis does not answer yet: the schedules tick starts once it does');

  return {
    tick,
    worker,
    close: async () => {
      redis.off('ready', onReady);
      await worker.close();
      await settlesWithinMs(1_000, queue.close());
      await producer.close();
    },
  };
};
