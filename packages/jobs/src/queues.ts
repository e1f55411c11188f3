/**
 * Queues and the Redis connections behind them. Prefixes are Redis hash tags ({azukari}) so that
 * every key of a queue lands in one slot and the same code runs on Redis Cluster.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { Queue, Worker, type ConnectionOptions, type Processor, type WorkerOptions } from 'bullmq';
import { jobByName } from './catalog';
import { UNTIL_IT_WORKS, backoffDelay, jobIdFor, type JobDefinition, type JobEnvelope, type JobPayload } from './job';
import type { QueueName } from './queue-names';

export interface QueueSettings {
  redisUrl: string;
  prefix: string;
  /** Multiplies every retry wait; 1 in production, small in tests that wait out many retries. */
  backoffScale?: number;
}

/**
 * Producers fail fast while Redis is away (the outbox keeps the event and retries), whereas
 * workers wait for Redis forever (BullMQ's production guide: maxRetriesPerRequest null).
 */
export const createRedis = (url: string, role: 'producer' | 'worker' | 'subscriber'): Redis => {
  const options: RedisOptions =
    role === 'producer'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 }
      : { maxRetriesPerRequest: null, enableReadyCheck: false };
  const redis = new Redis(url, { lazyConnect: false, ...options, retryStrategy: (n) => Math.min(n * 200, 2_000) });
  // An 'error' without a listener would crash the process; reconnecting is ioredis's job.
  redis.on('error', () => undefined);
  return redis;
};

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
  (attemptsMade: number, _type?: string, _error?: Error, job?: { name: string }): number =>
    backoffDelay((job && jobByName(job.name)?.backoff) || UNTIL_IT_WORKS.backoff, attemptsMade, scale);

export const openWorker = <T>(
  name: QueueName,
  settings: QueueSettings,
  processor: Processor<T>,
  options: Partial<WorkerOptions> = {},
): Worker<T> => {
  const connection = createRedis(settings.redisUrl, 'worker');
  const worker = new Worker<T>(name, processor, {
    connection,
    prefix: settings.prefix,
    concurrency: 4,
    settings: { backoffStrategy: catalogBackoff(settings.backoffScale ?? 1) },
    ...options,
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
  close(): Promise<void>;
}

export const createProducer = (producer: string, settings: QueueSettings): Producer => {
  const redis = createRedis(settings.redisUrl, 'producer');
  const queues = new Map<QueueName, Queue>();
  const queue = (name: QueueName): Queue => {
    let opened = queues.get(name);
    if (!opened) queues.set(name, (opened = openQueue(name, settings, redis)));
    return opened;
  };
  return {
    redis,
    enqueue: async (definition, envelope) => {
      const payload: unknown = definition.schema.parse(envelope.payload);
      await queue(definition.queue).add(
        definition.name,
        { ...envelope, payload },
        { jobId: jobIdFor(producer, envelope.eventId), attempts: definition.attempts, backoff: { type: 'catalog' } },
      );
    },
    close: async () => {
      await Promise.all([...queues.values()].map((q) => q.close()));
      redis.disconnect();
    },
  };
};
