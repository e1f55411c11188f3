/**
 * A consumer of one queue: one handler per job on it, checked at start (a job with no handler, or
 * a handler for a job that is not on the queue, stops start-up), payloads parsed before handling.
 */
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import type { Logger } from '@azukari/common';
import { jobsOnQueue, type JobDefinition, type JobPayload } from './catalog';
import { openWorker, type QueueName, type QueueSettings } from './queues';

export interface JobContext {
  /** The job id: `<producer>-<event id>`, the key of idempotency. */
  jobId: string;
  attemptsMade: number;
  maxAttempts: number;
  log: Logger;
  job: Job;
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
  options: { concurrency?: number } = {},
): Worker => {
  const expected = jobsOnQueue(queue)
    .map((d) => d.name)
    .sort();
  const given = entries.map((e) => e.definition.name).sort();
  if (expected.join() !== given.join()) {
    throw new Error(`queue ${queue} needs exactly one handler for each of [${expected}], got [${given}]`);
  }
  const byName = new Map(entries.map((e) => [e.definition.name, e]));
  const worker = openWorker(
    queue,
    settings,
    async (job: Job) => {
      const entry = byName.get(job.name);
      if (!entry) throw new UnrecoverableError(`no handler for ${job.name}`);
      const parsed = entry.definition.schema.safeParse(job.data.payload ?? job.data);
      // A payload that does not parse never will: retrying is pointless.
      if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${job.name}: ${parsed.error.message}`);
      const jobLog = log.child({ jobId: job.id, job: job.name, trace: job.data.trace });
      await entry.handle(parsed.data as never, {
        jobId: String(job.id),
        attemptsMade: job.attemptsMade,
        maxAttempts: job.opts.attempts ?? 1,
        log: jobLog,
        job,
      });
    },
    { concurrency: options.concurrency ?? 4 },
    log,
  );
  worker.on('failed', (job, error) =>
    log.warn({ jobId: job?.id, job: job?.name, attemptsMade: job?.attemptsMade, err: error.message }, 'job failed'),
  );
  return worker;
};
