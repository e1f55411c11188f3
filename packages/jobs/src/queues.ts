/**
 * Queues and the Redis connections behind them. Prefixes are Redis hash tags ({azukari}) so that
 * every key of a queue lands in one slot and the same code runs on Redis Cluster.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { Queue, WaitingError, Worker, type ConnectionOptions, type Job, type Processor, type WorkerOptions } from 'bullmq';
import { logRedisOutages, settlesWithinMs, type Logger } from '@azukari/common';
import { jobByName } from './catalog';
import { UNTIL_IT_WORKS, jobIdFor, retryDelay, type JobDefinition, type JobEnvelope, type JobPayload } from './job';
import type { QueueName } from './queue-names';
import { QUEUE_LOCKS } from './queue-locks';

export interface QueueSettings {
  redisUrl: string;
  prefix: string;
  /** Multiplies every retry wait; 1 in production, small in tests that wait out many retries. */
  backoffScale?: number;
}

export type RedisRole = 'producer' | 'worker' | 'subscriber';

/**
 * Producers fail fast while Redis is away (the outbox keeps the event and retries) and give up on
 * a command after a bound, whereas workers wait for Redis forever (BullMQ's production guide:
 * maxRetriesPerRequest null). Given a logger, the connection says once that Redis is gone and
 * once that it is back (see logRedisOutages), under `name`.
 */
export const createRedis = (url: string, role: RedisRole, log?: Logger, name: string = role): Redis => {
  const options: RedisOptions =
    role === 'producer'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, commandTimeout: PRODUCER_COMMAND_TIMEOUT_MS }
      : { maxRetriesPerRequest: null, enableReadyCheck: false };
  const redis = new Redis(url, { lazyConnect: false, ...options, retryStrategy: (n) => Math.min(n * 200, 2_000) });
  // An 'error' without a listener would crash the process; reconnecting is ioredis's job.
  redis.on('error', () => undefined);
  if (log) logRedisOutages(redis, name, log);
  return redis;
};

/** Longest a producer command (an add, a publish, a ping) may take before it counts as failed. */
export const PRODUCER_COMMAND_TIMEOUT_MS = 5_000;

/** Errors that only say Redis is unreachable: logRedisOutages reports those once per outage. */
export const isRedisConnectionError = (error: Error): boolean =>
  ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH'].includes(
    (error as NodeJS.ErrnoException).code ?? '',
  ) ||
  error.name === 'MaxRetriesPerRequestError' ||
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection is closed|Stream isn't writeable|Command timed out/.test(error.message);

/** How long finished jobs stay: longer than any outbox retry window, so a re-added id collapses. */
export const KEEP_COMPLETED = { age: 7 * 24 * 3600, count: 100_000 };
export const KEEP_FAILED = { age: 30 * 24 * 3600 };

export const openQueue = (name: QueueName, settings: QueueSettings, connection: ConnectionOptions): Queue => {
  const queue = new Queue(name, {
    connection,
    prefix: settings.prefix,
    // Attempts and backoff are the job's own, applied by `enqueue` from its definition.
    defaultJobOptions: { removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED },
  });
  // Without a listener BullMQ prints connection errors; producers see them as failed adds (the
  // outbox relay retries and logs those), and readiness reports Redis as down.
  queue.on('error', () => undefined);
  return queue;
};

/** Each job waits as its definition says; an unknown name (a newer producer) as the slowest kind. */
const catalogBackoff =
  (scale: number) =>
  (attemptsMade: number, _type?: string, error?: Error, job?: { name: string; id?: string }): number =>
    retryDelay((job && jobByName(job.name)?.backoff) || UNTIL_IT_WORKS.backoff, attemptsMade, error, scale, job?.id ?? '');

/** How long a worker's close waits for its running jobs while Redis answers, before it gives them back. */
export const WORKER_CLOSE_GRACE_MS = 5_000;

/**
 * Stops a connection for good. Between two reconnect attempts ioredis's disconnect only cancels
 * the next attempt: the connection never ends, and what waits for its end (BullMQ's close) or for
 * its queued commands waits forever (redis/ioredis#1247). One more attempt, made while closing
 * manually, ends it: a refused one at once, a successful one on 'ready'.
 */
const endConnection = (redis: Redis): void => {
  const between = redis.status === 'reconnecting';
  redis.disconnect();
  if (!between) return;
  redis.once('ready', () => redis.disconnect());
  redis.connect().catch(() => undefined);
};

/** A job this worker is running: what it needs to hand the job back, and to let go of it. */
interface InFlight {
  job: Job;
  token: string | undefined;
  letGo: (error: Error) => void;
}

/**
 * Runs the processor and keeps each running job in `inFlight`, so that close can give back the
 * ones that outlast the grace. The processor's third parameter (the abort signal) is declared, so
 * BullMQ hands one over and `cancelAllJobs` reaches handlers that honour it.
 */
const trackingInFlight =
  <T>(processor: Processor<T>, inFlight: Map<string, InFlight>): Processor<T> =>
  (job, token, signal) =>
    new Promise((resolve, reject) => {
      const key = String(job.id);
      inFlight.set(key, { job, token, letGo: reject });
      processor(job, token, signal)
        .then(resolve, reject)
        .finally(() => inFlight.delete(key));
    });

/**
 * A BullMQ worker whose close is graceful and bounded. Close stops taking jobs and lets running
 * ones finish for a grace period while Redis answers. A job still running after it is given back
 * at once (moved from active to the front of the waiting list, its lock released), so another
 * worker takes it up within a moment instead of after stall detection; its handler is told through
 * the abort signal and its outcome is ignored. Handlers are idempotent on the job id, so a job cut
 * short and done again changes nothing twice. With Redis gone nothing can be given back or finish:
 * close drops the connections, and the job is taken up again after its lock lapses (queue-locks.ts).
 * BullMQ's own close would wait for its blocking connection and for queued commands forever then.
 */
class BoundedWorker<T> extends Worker<T> {
  constructor(
    name: string,
    processor: Processor<T>,
    options: WorkerOptions,
    private readonly ownConnections: () => Redis[],
    private readonly inFlight: Map<string, InFlight>,
    private readonly closeGraceMs: number,
    private readonly closeLog?: Logger,
  ) {
    super(name, trackingInFlight(processor, inFlight), options);
  }

  override async close(force = false): Promise<void> {
    const closing = super.close(force);
    // Running jobs finish, and are given back, over the worker's own connection (the first); its
    // copy for blocking reads is ended by BullMQ's close early on.
    const connected = (): boolean => this.ownConnections()[0]?.status === 'ready';
    if (await settlesWithinMs(connected() ? this.closeGraceMs : 0, closing)) return await closing;
    if (connected() && (await this.giveBackInFlight()) && (await settlesWithinMs(1_000, closing))) return await closing;
    for (const connection of this.ownConnections()) endConnection(connection);
    if (!(await settlesWithinMs(1_000, closing))) {
      this.closeLog?.warn({ queue: this.name }, 'queue worker closed without finishing its own shutdown: Redis is unreachable');
    }
  }

  /** Moves every job still running back to waiting; true when every one went back. */
  private async giveBackInFlight(): Promise<boolean> {
    const running = [...this.inFlight.values()];
    this.cancelAllJobs('the worker is shutting down');
    const given = await Promise.all(
      running.map(async ({ job, token, letGo }) => {
        const moved = job.moveToWait(token).then(
          () => true,
          () => false,
        );
        const back = (await settlesWithinMs(1_000, moved)) && (await moved);
        // BullMQ leaves a job that ends in WaitingError where it is: waiting, moved just now.
        if (back) letGo(new WaitingError());
        this.closeLog?.info({ queue: this.name, jobId: job.id, back }, 'job still running at shutdown given back to the queue');
        return back;
      }),
    );
    return given.every(Boolean);
  }
}

export interface OpenWorkerOptions extends Partial<WorkerOptions> {
  /** How long close lets running jobs finish before giving them back (WORKER_CLOSE_GRACE_MS). */
  closeGraceMs?: number;
}

export const openWorker = <T>(
  name: QueueName,
  settings: QueueSettings,
  processor: Processor<T>,
  { closeGraceMs = WORKER_CLOSE_GRACE_MS, ...options }: OpenWorkerOptions = {},
  log?: Logger,
): Worker<T> => {
  const connection = createRedis(settings.redisUrl, 'worker', log);
  // BullMQ duplicates the connection for its blocking reads: keep hold of the copies so that close
  // can stop them, and silence their errors (the original reports the outage).
  const copies: Redis[] = [];
  const duplicate = connection.duplicate.bind(connection);
  connection.duplicate = (override) => {
    const copy = duplicate(override);
    copy.on('error', () => undefined);
    copies.push(copy);
    return copy;
  };
  const worker = new BoundedWorker<T>(
    name,
    processor,
    {
      connection,
      prefix: settings.prefix,
      concurrency: 4,
      lockDuration: QUEUE_LOCKS[name].lockDurationMs,
      stalledInterval: QUEUE_LOCKS[name].stalledIntervalMs,
      maxStalledCount: QUEUE_LOCKS[name].maxStalledCount,
      settings: { backoffStrategy: catalogBackoff(settings.backoffScale ?? 1) },
      ...options,
    },
    () => [connection, ...copies],
    new Map(),
    closeGraceMs,
    log,
  );
  // The worker repeats every failed reconnect of both its connections as an 'error'.
  worker.on('error', (error) => {
    if (!isRedisConnectionError(error)) log?.error({ err: error.message, queue: name }, 'queue worker error');
  });
  // BullMQ leaves a connection it was given open: this one is the worker's own.
  worker.on('closed', () => connection.disconnect());
  return worker;
};

/**
 * One producer connection and the queues opened on it. `enqueue` is the only way a job is added:
 * it validates the payload against the job's definition and applies the definition's attempts
 * and backoff; the job id derives from the producer and the event, so a re-add collapses.
 */
export interface Producer {
  redis: Redis;
  enqueue<D extends JobDefinition>(definition: D, envelope: JobEnvelope<JobPayload<D>>): Promise<void>;
  /** True while the connection is up: a queue opened or used otherwise waits or fails. */
  ready(): boolean;
  close(): Promise<void>;
}

export const createProducer = (producer: string, settings: QueueSettings, log?: Logger): Producer => {
  const redis = createRedis(settings.redisUrl, 'producer', log);
  const queues = new Map<QueueName, Queue>();
  const queue = (name: QueueName): Queue => {
    let opened = queues.get(name);
    if (!opened) {
      const fresh = openQueue(name, settings, redis);
      queues.set(name, (opened = fresh));
      // A queue whose first connection check failed (Redis went away just then) fails every
      // later add: open a new one next time instead.
      fresh.waitUntilReady().catch(() => {
        if (queues.get(name) === fresh) queues.delete(name);
      });
    }
    return opened;
  };
  return {
    redis,
    ready: () => redis.status === 'ready',
    enqueue: async (definition, envelope) => {
      const payload: unknown = definition.schema.parse(envelope.payload);
      await queue(definition.queue).add(
        definition.name,
        { ...envelope, payload },
        { jobId: jobIdFor(producer, envelope.eventId), attempts: definition.attempts, backoff: { type: 'catalog' } },
      );
    },
    close: async () => {
      // The queues share this connection, so closing them sends nothing; bounded all the same.
      await settlesWithinMs(1_000, Promise.all([...queues.values()].map((q) => q.close())));
      redis.disconnect();
    },
  };
};
