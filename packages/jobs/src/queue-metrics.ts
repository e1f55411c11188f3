/**
 * Queue metrics for Prometheus, on a registry the process owns: how many jobs wait, run, failed
 * and are delayed per queue (read from Redis when scraped, never kept up to date by hand), how old
 * the oldest waiting job is, and per queue the time from enqueue to start and the processing time
 * (histograms fed by the consumer as each job starts and ends: two clock reads and two observes).
 */
import { Gauge, Histogram, type Registry } from 'prom-client';
import type { Job, Queue } from 'bullmq';
import type { QueueName } from './queue-names';

export type JobOutcome = 'completed' | 'failed';

/** What the consumer tells about each job it runs: `started` returns what to call when it ends. */
export interface JobObserver {
  started(queue: QueueName, job: Pick<Job, 'timestamp' | 'delay' | 'attemptsStarted' | 'processedOn'>): (outcome: JobOutcome) => void;
}

export interface QueueMetrics {
  observer: JobObserver;
}

/** The states counted on each scrape; BullMQ's `getJobCounts` answers them in one round trip. */
export const COUNTED_STATES = ['waiting', 'active', 'failed', 'delayed'] as const;

const WAIT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
const PROCESSING_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * Registers the queue metrics. `queues` are counted on every scrape (each a few Redis commands in
 * one script); a queue whose Redis does not answer is left out of that scrape rather than failing
 * it, and `azukari_queue_counts_up` says so.
 */
export const registerQueueMetrics = (registry: Registry, queues: () => readonly Queue[]): QueueMetrics => {
  interface Reading {
    queue: string;
    counts: Record<string, number> | null;
    oldestSeconds: number;
  }
  const readQueue = async (queue: Queue): Promise<Reading> => {
    try {
      const [counts, first] = await Promise.all([queue.getJobCounts(...COUNTED_STATES), queue.getJobs(['wait'], 0, 0, true)]);
      const since = first[0]?.timestamp;
      return { queue: queue.name, counts, oldestSeconds: since ? Math.max(0, (Date.now() - since) / 1000) : 0 };
    } catch {
      return { queue: queue.name, counts: null, oldestSeconds: 0 };
    }
  };
  // prom-client collects every metric of a scrape at once: the three gauges share one reading.
  let reading: Promise<Reading[]> | null = null;
  const read = (): Promise<Reading[]> =>
    (reading ??= Promise.all(queues().map(readQueue)).finally(() => {
      reading = null;
    }));

  new Gauge({
    name: 'azukari_queue_jobs',
    help: 'Jobs in the queue by state (waiting, active, failed, delayed), read from Redis at each scrape.',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, counts } of await read()) {
        if (counts) for (const state of COUNTED_STATES) this.set({ queue, state }, counts[state] ?? 0);
      }
    },
  });
  new Gauge({
    name: 'azukari_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting in the queue (0 when none waits): how far behind its consumers are.',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, counts, oldestSeconds } of await read()) if (counts) this.set({ queue }, oldestSeconds);
    },
  });
  new Gauge({
    name: 'azukari_queue_counts_up',
    help: 'Whether this scrape could read the queue from Redis (1) or not (0, and its other gauges are left out).',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      for (const { queue, counts } of await read()) this.set({ queue }, counts ? 1 : 0);
    },
  });
  const wait = new Histogram({
    name: 'azukari_queue_wait_seconds',
    help: 'Time from a job being enqueued (or falling due, if delayed) to its first start, per queue.',
    labelNames: ['queue'],
    buckets: WAIT_BUCKETS,
    registers: [registry],
  });
  const processing = new Histogram({
    name: 'azukari_queue_processing_seconds',
    help: 'Time a consumer spent on one try of a job, per queue and outcome.',
    labelNames: ['queue', 'outcome'],
    buckets: PROCESSING_BUCKETS,
    registers: [registry],
  });
  return {
    observer: {
      started: (queue, job) => {
        const startedAt = Date.now();
        // Only a first start measures the queue: a retry waited out its backoff on purpose, and a
        // job taken up again after its worker stopped has run before.
        if (job.attemptsStarted <= 1) {
          const due = job.timestamp + (job.delay ?? 0);
          wait.observe({ queue }, Math.max(0, ((job.processedOn ?? startedAt) - due) / 1000));
        }
        return (outcome) => processing.observe({ queue, outcome }, (Date.now() - startedAt) / 1000);
      },
    },
  };
};
