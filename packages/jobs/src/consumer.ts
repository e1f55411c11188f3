/**
 * A consumer of one queue: one handler per job on it, checked at start (a job with no handler, or
 * a handler for a job that is not on the queue, stops start-up). The envelope and the payload are
 * parsed before handling and handed over typed: no handler reads `job.data`.
 */
import { DelayedError, UnrecoverableError, type Job, type Worker } from 'bullmq';
import { jobAccess, runAs, type AccessContext, type Logger } from '@azukari/common';
import { jobsOnQueue } from './catalog';
import { envelopeSchema, retryDelay, type JobDefinition, type JobPayload } from './job';
import type { QueueName } from './queue-names';
import { openWorker, type QueueSettings } from './queues';
import type { JobObserver } from './queue-metrics';

export interface JobContext {
  /** The job id: `<producer>-<event id>`, the key of idempotency. */
  jobId: string;
  /** The envelope's fields. */
  eventId: string;
  occurredAt: string;
  trace: string | null;
  attemptsMade: number;
  maxAttempts: number;
  log: Logger;
  /** Aborted when the worker shuts down and gives the job back: stop early, the job runs again. */
  signal: AbortSignal;
  /**
   * Puts the job back for `ms` without counting a try (e.g. its endpoint already has as many
   * deliveries in flight as it may): the handler returns what this gives, and nothing else runs.
   */
  postpone(ms: number): Promise<never>;
  /** How long the queue will wait before the next try if this one fails with `error`. */
  retryDelayAfter(error: unknown): number;
}

export type Handler<D extends JobDefinition> = (payload: JobPayload<D>, ctx: JobContext) => Promise<void>;

export interface HandlerEntry {
  definition: JobDefinition;
  handle: (payload: never, ctx: JobContext) => Promise<void>;
}

export const handle = <D extends JobDefinition>(definition: D, fn: Handler<D>): HandlerEntry => ({
  definition,
  handle: fn as HandlerEntry['handle'],
});

export const startConsumer = (
  queue: QueueName,
  entries: HandlerEntry[],
  settings: QueueSettings,
  log: Logger,
  options: {
    concurrency?: number;
    onWorkDone?: (access: AccessContext) => void;
    /** Told when each job starts and ends: the queue latency metrics (queue-metrics.ts). */
    observer?: JobObserver;
  } = {},
): Worker => {
  const expected = jobsOnQueue(queue)
    .map((d) => d.name)
    .sort();
  const given = entries.map((e) => e.definition.name).sort();
  if (expected.join() !== given.join()) {
    throw new Error(`queue ${queue} needs exactly one handler for each of [${expected}], got [${given}]`);
  }
  const byName = new Map(entries.map((e) => [e.definition.name, e]));
  const run = async (job: Job, token: string | undefined, signal: AbortSignal): Promise<void> => {
    const entry = byName.get(job.name);
    if (!entry) throw new UnrecoverableError(`no handler for ${job.name}`);
    // An envelope or payload that does not parse never will: retrying is pointless.
    const envelope = envelopeSchema.safeParse(job.data);
    if (!envelope.success) throw new UnrecoverableError(`invalid envelope for ${job.name}: ${envelope.error.message}`);
    const parsed = entry.definition.schema.safeParse(envelope.data.payload);
    if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${job.name}: ${parsed.error.message}`);
    const { eventId, occurredAt, trace } = envelope.data;
    const access = jobAccess(job.name, trace);
    try {
      await runAs(access, async () =>
        entry.handle(parsed.data as never, {
          jobId: String(job.id),
          eventId,
          occurredAt,
          trace,
          attemptsMade: job.attemptsMade,
          maxAttempts: job.opts.attempts ?? 1,
          log: log.child({ jobId: job.id, job: job.name, trace }),
          signal,
          retryDelayAfter: (error) =>
            retryDelay(entry.definition.backoff, job.attemptsMade + 1, error, settings.backoffScale ?? 1, String(job.id)),
          postpone: async (ms) => {
            await job.moveToDelayed(Date.now() + ms, token);
            throw new DelayedError(`postponed by ${ms} ms`);
          },
        }),
      );
    } finally {
      options.onWorkDone?.(access);
    }
  };
  const worker = openWorker(
    queue,
    settings,
    async (job: Job, token?: string, signal?: AbortSignal) => {
      const finished = options.observer?.started(queue, job);
      try {
        await run(job, token, signal ?? new AbortController().signal);
        finished?.('completed');
      } catch (error) {
        // A postponed job did not fail: it comes back, and is measured when it runs.
        if (!(error instanceof DelayedError)) finished?.('failed');
        throw error;
      }
    },
    { concurrency: options.concurrency ?? 4 },
    log,
  );
  worker.on('failed', (job, error) =>
    log.warn({ jobId: job?.id, job: job?.name, attemptsMade: job?.attemptsMade, err: error.message }, 'job failed'),
  );
  return worker;
};
