/**
 * How long a worker's hold on a job lasts without renewal, and how often stalled jobs are looked
 * for, fitted to each queue's jobs. A worker renews its locks at half their duration; when it dies,
 * its jobs are taken up again once their lock has lapsed and a stall check has run: within
 * `lockDurationMs + stalledIntervalMs`. BullMQ's defaults (30 s each) left deliveries interrupted by
 * a crash waiting up to a minute. A job that blocks the event loop for longer than its lock (a
 * large render) needs a longer lock, or it is taken for stalled while it runs.
 */
import { QueueName } from './queue-names';

export interface QueueLocks {
  lockDurationMs: number;
  stalledIntervalMs: number;
  /**
   * Stalls a job survives before BullMQ fails it outright (without its retries). Every handler is
   * idempotent on its job id, so a job is taken up again however often its worker dies.
   */
  maxStalledCount: number;
}

/** Short jobs that only wait on I/O: a crash costs them at most eight seconds. */
const SHORT_IO_JOBS: QueueLocks = { lockDurationMs: 5_000, stalledIntervalMs: 3_000, maxStalledCount: 20 };

/**
 * Renders: CPU-heavy, a 100,000-row document takes tens of seconds. The renderer yields to the
 * event loop after every page, so renewal runs; the lock still outlasts the longest stretch it
 * cannot yield (parsing the font, encoding the font subset at the end) many times over. A render
 * cut short by a crash is taken up again within 90 s, and re-rendering is idempotent.
 */
const CPU_HEAVY_RENDERS: QueueLocks = { lockDurationMs: 60_000, stalledIntervalMs: 30_000, maxStalledCount: 5 };

export const QUEUE_LOCKS: Record<QueueName, QueueLocks> = {
  [QueueName.CONTRACTS_EVENTS]: SHORT_IO_JOBS,
  [QueueName.PERSONNEL_EVENTS]: SHORT_IO_JOBS,
  [QueueName.DELIVERIES]: SHORT_IO_JOBS,
  [QueueName.DELIVERY_RESULTS]: SHORT_IO_JOBS,
  [QueueName.SCHEDULES]: SHORT_IO_JOBS,
  [QueueName.DOCUMENTS]: CPU_HEAVY_RENDERS,
  [QueueName.CUSTODY_EVENTS]: SHORT_IO_JOBS,
};
