/**
 * Every domain event and job, defined once: its name, the queue it travels on and its payload
 * schema. Producers validate before writing to the outbox; consumers parse what they receive.
 * Payloads carry ids and the facts the receiver needs, never personal data it could fetch itself.
 */
import { z } from 'zod';
import { QueueName } from './queues';

export interface JobDefinition<S extends z.ZodTypeAny = z.ZodTypeAny> {
  name: string;
  queue: QueueName;
  schema: S;
  /**
   * Attempts before the job is given up, with a backoff that doubles from 1 s up to a minute.
   * Effects inside our own system must not be lost to an outage of hours; a delivery to a
   * partner's endpoint is given up sooner and its failure recorded on the report.
   */
  attempts: number;
}

/** About a day of retries at the one-minute cap. */
const UNTIL_IT_WORKS = 1_500;

const define = <S extends z.ZodTypeAny>(name: string, queue: QueueName, schema: S, attempts = UNTIL_IT_WORKS): JobDefinition<S> => ({
  name,
  queue,
  schema,
  attempts,
});

const id = z.uuid();

/** Art 7.1: a leakage, loss or damage, actual or suspected, is reported to every affected client. */
export const IncidentReported = define(
  'incident.reported',
  QueueName.CONTRACTS_EVENTS,
  z.object({
    incidentId: id,
    kind: z.enum(['LEAKAGE', 'LOSS', 'DAMAGE']),
    certainty: z.enum(['SUSPECTED', 'CONFIRMED']),
    detectedAt: z.iso.datetime({ offset: true }),
    affected: z.array(z.object({ clientId: id, contractIds: z.array(id).min(1) })).min(1),
  }),
);

/** contracts asks the worker to deliver one client report through one channel. */
export const ClientReportDelivery = define(
  'client-report.deliver',
  QueueName.DELIVERIES,
  z.object({ reportId: id, clientId: id, channel: z.enum(['WEBHOOK']) }),
  // 1+2+4+…+60 s: the endpoint is tried for about five minutes before the report is FAILED.
  10,
);

/** The worker's word on a delivery, recorded on the report by contracts. */
export const ClientReportDeliveryOutcome = define(
  'client-report.delivery-outcome',
  QueueName.DELIVERY_RESULTS,
  z.object({
    reportId: id,
    channel: z.enum(['WEBHOOK']),
    status: z.enum(['DELIVERED', 'FAILED']),
    attempts: z.number().int().min(1),
    at: z.iso.datetime({ offset: true }),
    responseStatus: z.number().int().nullable(),
    error: z.string().max(500).nullable(),
  }),
);

export const JOBS = [IncidentReported, ClientReportDelivery, ClientReportDeliveryOutcome] as const;

export type JobPayload<D> = D extends JobDefinition<infer S> ? z.infer<S> : never;

export const jobByName = (name: string): JobDefinition | undefined => JOBS.find((job) => job.name === name);

export const jobsOnQueue = (queue: QueueName): JobDefinition[] => JOBS.filter((job) => job.queue === queue);

/** BullMQ refuses integer ids and ':'; ours are `<producer>-<event uuid>`. */
export const jobIdFor = (producer: string, eventId: string): string => `${producer}-${eventId}`;
