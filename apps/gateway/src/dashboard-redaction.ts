/**
 * What the queue dashboard may show of a job: its ids, never its facts. A job's payload carries
 * facts of a client's report and its failure messages may carry what an endpoint or a peer said;
 * staff read those through the API (audited) and the logs, not on a board. So every job leaves the
 * dashboard with its envelope's ids and times, the payload's ids (fields named `id`, `…Id` or
 * `…Ids` holding UUIDs), and nothing else: other payload fields, the return value, the progress,
 * the logs, the failure reason and the stack trace are replaced by REDACTED.
 */
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { Job, Queue } from 'bullmq';

export const REDACTED = '[redacted]';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID_FIELD = /^(id|[a-z][A-Za-z0-9]*Ids?)$/;

const isIdValue = (value: unknown): boolean =>
  (typeof value === 'string' && UUID.test(value)) || (Array.isArray(value) && value.every((v) => typeof v === 'string' && UUID.test(v)));

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A job's data as the dashboard shows it: the envelope's ids and times, the payload's ids. */
export const redactJobData = (data: unknown): unknown => {
  if (!isRecord(data)) return REDACTED;
  const payload = isRecord(data.payload)
    ? Object.fromEntries(
        Object.entries(data.payload).map(([key, value]) => [key, ID_FIELD.test(key) && isIdValue(value) ? value : REDACTED]),
      )
    : REDACTED;
  return {
    eventId: typeof data.eventId === 'string' ? data.eventId : REDACTED,
    occurredAt: typeof data.occurredAt === 'string' ? data.occurredAt : REDACTED,
    trace: typeof data.trace === 'string' ? data.trace : null,
    payload,
  };
};

/** Every field of a job's JSON that could carry a fact or a secret, replaced. */
const redactedJson = (json: ReturnType<Job['toJSON']>): ReturnType<Job['toJSON']> => ({
  ...json,
  data: redactJobData(json.data),
  returnvalue: json.returnvalue === null || json.returnvalue === undefined ? json.returnvalue : REDACTED,
  progress: typeof json.progress === 'number' ? json.progress : 0,
  failedReason: json.failedReason ? `${REDACTED}: see the logs for job ${String(json.id)}` : json.failedReason,
  stacktrace: [],
});

/** Redacts as each job is read, so that every route that shows a job shows it redacted. */
const redacting = <J extends Job | undefined>(job: J): J => {
  if (!job) return job;
  const toJSON = job.toJSON.bind(job);
  job.toJSON = () => redactedJson(toJSON());
  return job;
};

/**
 * A read-only bull-board adapter for one queue whose jobs are redacted at the source, whatever
 * route asks for them, with the formatters set as well for the fields bull-board formats itself.
 */
export class RedactedQueueAdapter extends BullMQAdapter {
  constructor(queue: Queue) {
    super(queue, { readOnlyMode: true, allowRetries: false });
    this.setFormatter('data', redactJobData);
    this.setFormatter('returnValue', (value: unknown) => (value === null || value === undefined ? value : REDACTED));
    this.setFormatter('progress', (value: unknown) => (typeof value === 'number' ? value : 0));
  }

  override async getJob(id: string): Promise<Job | undefined> {
    return redacting(await super.getJob(id));
  }

  override async getJobs(...args: Parameters<BullMQAdapter['getJobs']>): Promise<Job[]> {
    return (await super.getJobs(...args)).map((job) => redacting(job));
  }

  /** A scheduler's template carries the data of the jobs it makes: redacted alike. */
  override async getJobSchedulers(): ReturnType<BullMQAdapter['getJobSchedulers']> {
    return (await super.getJobSchedulers()).map((scheduler) => {
      const template = (scheduler as { template?: { data?: unknown } }).template;
      return template ? { ...scheduler, template: { ...template, data: redactJobData(template.data) } } : scheduler;
    });
  }

  /** Job logs are free text: none are shown. */
  override async getJobLogs(): Promise<string[]> {
    return [];
  }
}
