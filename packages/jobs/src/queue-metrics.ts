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
  const counted = (queue: Queue): Promise<Record<string, number>> => queue.getJobCounts(...COUNTED_STATES);
  const up = new Gauge({
    name: 'azukari_queue_counts_up',
    help: 'Whether the last scrape could read the counts of the queue from Redis (1) or not (0).',
    labelNames: ['queue'],
    registers: [registry],
  });
  const oldest = new Gauge({
    name: 'azukari_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting in the queue (0 when none waits): how far behind its consumers are.',
    labelNames: ['queue'],
    registers: [registry],
  });
  new Gauge({
    name: 'azukari_queue_jobs',
    help: 'Jobs in the queue by state (waiting, active, failed, delayed), read from Redis at each scrape.',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      oldest.reset();
      await Promise.all(
        queues().map(async (queue) => {
          try {
            const [counts, first] = await Promise.all([counted(queue), queue.getJobs(['wait'], 0, 0, true)]);
            for (const state of COUNTED_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
            const since = first[0]?.timestamp;
            oldest.set({ queue: queue.name }, since ? Math.max(0, (Date.now() - since) / 1000) : 0);
            up.set({ queue: queue.name }, 1);
          } catch {
            up.set({ queue: queue.name }, 0);
          }
        }),
      );
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
