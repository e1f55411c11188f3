/**
 * What a job is, defined once (after the Hive console's `defineTask`): its name, the queue it
 * travels on, its payload schema, how often it is tried and how long it waits between tries. The
 * envelope every job carries is here too, so producers and consumers share one shape of it.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { QueueName } from './queue-names';

/** Exponential from `baseMs`, doubling, never more than `capMs` between two tries. */
export interface Backoff {
  baseMs: number;
  capMs: number;
  /** Each wait is spread by ± this fraction at random, so that retries of one outage do not return as one wave. */
  jitter?: number;
}

/**
 * An error that says when to try again (an endpoint's `Retry-After`): the wait before the next try
 * is never shorter than that, and never longer than the backoff's cap.
 */
export class RetryAfterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'RetryAfterError';
  }
}

export interface JobDefinition<S extends z.ZodTypeAny = z.ZodTypeAny> {
  name: string;
  queue: QueueName;
  schema: S;
  /**
   * Tries before the job is given up. Effects inside our own system must not be lost to an outage
   * of hours; a delivery to a partner's endpoint is given up sooner and its failure recorded.
   */
  attempts: number;
  backoff: Backoff;
}

/** About a day of tries at the one-minute cap: what stays inside our system is never given up early. */
export const UNTIL_IT_WORKS = { attempts: 1_500, backoff: { baseMs: 1_000, capMs: 60_000 } } as const;

export const defineJob = <S extends z.ZodTypeAny>(
  name: string,
  queue: QueueName,
  schema: S,
  retries: { attempts: number; backoff: Backoff } = UNTIL_IT_WORKS,
): JobDefinition<S> => ({ name, queue, schema, attempts: retries.attempts, backoff: retries.backoff });

export type JobPayload<D> = D extends JobDefinition<infer S> ? z.infer<S> : never;

/** The envelope every job carries: the event id is the key of idempotency downstream. */
export interface JobEnvelope<P = unknown> {
  eventId: string;
  /** When the event happened (ISO 8601): the outbox row's creation, not the job's. */
  occurredAt: string;
  /** W3C traceparent of the request that caused it. */
  trace: string | null;
  payload: P;
}

export const envelopeSchema = z.object({
  eventId: z.uuid(),
  occurredAt: z.iso.datetime({ offset: true }),
  trace: z.string().max(100).nullable(),
  payload: z.unknown(),
});

/**
 * An event id drawn from its parts (a UUID of version 8): an event that a job may emit again after
 * a crash, such as the outcome of one try of one delivery, gets the same id, and collapses.
 */
export const eventIdFrom = (...parts: (string | number)[]): string => {
  const hex = createHash('sha256').update(parts.join(':')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** BullMQ refuses integer ids and ':'; ours are `<producer>-<event uuid>`, so a re-add collapses. */
export const jobIdFor = (producer: string, eventId: string): string => `${producer}-${eventId}`;

/** The wait before try `attemptsMade + 1`; `scale` shortens every wait alike (tests only). */
export const backoffDelay = (backoff: Backoff, attemptsMade: number, scale = 1, jobId = ''): number => {
  const plain = Math.min(backoff.baseMs * 2 ** Math.max(0, attemptsMade - 1), backoff.capMs);
  const spread = backoff.jitter ? 1 + backoff.jitter * (2 * unitOf(`${jobId}:${attemptsMade}`) - 1) : 1;
  return Math.round(plain * spread * scale);
};

/**
 * A number in [0, 1) drawn from `seed`: the jitter of a job's wait is random across jobs, yet the
 * same for one job and try wherever it is computed, so the worker can tell when the next try is.
 */
const unitOf = (seed: string): number => createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;

/** The wait before the next try after `error`: the backoff's, or longer when the error says so. */
export const retryDelay = (backoff: Backoff, attemptsMade: number, error: unknown, scale = 1, jobId = ''): number => {
  const wait = backoffDelay(backoff, attemptsMade, scale, jobId);
  if (!(error instanceof RetryAfterError)) return wait;
  return Math.max(wait, Math.round(Math.min(error.retryAfterMs, backoff.capMs) * scale));
};
