/**
 * Queues and the Redis connections behind them. Prefixes are Redis hash tags ({azukari}) so that
 * every key of a queue lands in one slot and the same code runs on Redis Cluster.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { Queue, Worker, type ConnectionOptions, type Processor, type WorkerOptions } from 'bullmq';

export const QueueName = {
  /** Domain events that contracts consumes (it records client reports). */
  CONTRACTS_EVENTS: 'contracts-events',
  /** Client report deliveries, consumed by the worker. */
  DELIVERIES: 'deliveries',
  /** Delivery outcomes, consumed by contracts. */
  DELIVERY_RESULTS: 'delivery-results',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export interface QueueSettings {
  redisUrl: string;
  prefix: string;
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
    defaultJobOptions: {
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
      attempts: 8,
      backoff: { type: 'custom' },
    },
  });
  // Without a listener BullMQ prints connection errors; producers see them as failed adds (the
  // outbox relay retries and logs those), and readiness reports Redis as down.
  queue.on('error', () => undefined);
  return queue;
};

/** Doubles from 1 s and stays at a minute: long outages are waited out without hammering. */
export const retryDelay = (attemptsMade: number): number => Math.min(1_000 * 2 ** Math.max(0, attemptsMade - 1), 60_000);

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
    settings: { backoffStrategy: retryDelay },
    ...options,
  });
  // BullMQ leaves a connection it was given open: this one is the worker's own.
  worker.on('closed', () => connection.disconnect());
  return worker;
};

/** One producer connection and the queues opened on it, as a service's outbox relay needs them. */
export interface Producer {
  redis: Redis;
  queue(name: QueueName): Queue;
  close(): Promise<void>;
}

export const createProducer = (settings: QueueSettings): Producer => {
  const redis = createRedis(settings.redisUrl, 'producer');
  const queues = new Map<QueueName, Queue>();
  return {
    redis,
    queue: (name) => {
      let queue = queues.get(name);
      if (!queue) queues.set(name, (queue = openQueue(name, settings, redis)));
      return queue;
    },
    close: async () => {
      await Promise.all([...queues.values()].map((q) => q.close()));
      redis.disconnect();
    },
  };
};
