/**
 * Every domain event and job, defined once: its name, the queue it travels on, its payload schema
 * and its retries. Producers enqueue only through these definitions; consumers get the payload
 * parsed. Payloads carry ids and the facts the receiver needs, never personal data it could fetch.
 */
import { z } from 'zod';
import { SERVICES } from '@azukari/common';
import { QueueName } from './queue-names';
import { defineJob, type JobDefinition } from './job';

const id = z.uuid();
const instant = z.iso.datetime({ offset: true });

/** The articles whose duty is a report to the client (the User): a report names the one it discharges. */
export const REPORT_ARTICLES = [
  'Art 5.2',
  'Art 6.1',
  'Art 7.1',
  'Art 9.3',
  'Art 10',
  'Art 11.1',
  'Art 12.2',
  'Art 13.1',
  'Art 13.6',
] as const;
export type ReportArticle = (typeof REPORT_ARTICLES)[number];

/** A fact in a report: ids, codes, counts, times. Never a person's name, email or the like. */
const fact = z.union([
  z.string().max(2_000),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string().max(200), z.number()])).max(500),
]);

/**
 * The one way any service asks for a report to a client: written to its outbox in the transaction
 * of the change it reports. contracts alone records the ClientReport and delivers it.
 */
export const ClientReportRequested = defineJob(
  'client-report.requested',
  QueueName.CONTRACTS_EVENTS,
  z.object({
    clientId: id,
    /** The contracts the report concerns (an incident may touch several of one client's). */
    contractIds: z.array(id).max(100),
    article: z.enum(REPORT_ARTICLES),
    /** What happened, as a stable name the client can switch on, e.g. `incident.reported`. */
    kind: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/),
    /** What the report is about, e.g. `{ type: 'Incident', id }`. */
    subject: z.object({ type: z.string().regex(/^[A-Z][A-Za-z]{1,60}$/), id }),
    facts: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,60}$/), fact),
    /** When the regulation wants it delivered by: the evidence of "promptly" or "immediately". */
    dueAt: instant,
  }),
);

/** contracts asks the worker to deliver one client report through one channel. */
export const ClientReportDelivery = defineJob(
  'client-report.deliver',
  QueueName.DELIVERIES,
  z.object({ reportId: id, clientId: id, channel: z.enum(['WEBHOOK']) }),
  // 1+2+4+…+60 s: the endpoint is tried for about five minutes before the report is FAILED.
  { attempts: 10, backoff: { baseMs: 1_000, capMs: 60_000 } },
);

/** The worker's word on a delivery, recorded on the report by contracts: never given up early. */
export const ClientReportDeliveryOutcome = defineJob(
  'client-report.delivery-outcome',
  QueueName.DELIVERY_RESULTS,
  z.object({
    reportId: id,
    channel: z.enum(['WEBHOOK']),
    status: z.enum(['DELIVERED', 'FAILED']),
    attempts: z.number().int().min(1),
    at: instant,
    responseStatus: z.number().int().nullable(),
    error: z.string().max(500).nullable(),
  }),
);

/** custody committed an asset with its custodian; personnel records the custodianship from it. */
export const CustodianAssigned = defineJob(
  'custodian.assigned',
  QueueName.PERSONNEL_EVENTS,
  z.object({ assetId: id, employeeId: id, contractId: id, clientId: id, at: instant }),
);

/**
 * A service asks the worker to render one of its documents to PDF and store it. Only ids: the
 * worker asks the owner for the content (@azukari/routes DocumentContent) and tells it the result
 * (DocumentRendered). `owner` and `template` are checked against those routes by the worker.
 */
export const RenderDocument = defineJob(
  'document.render',
  QueueName.DOCUMENTS,
  z.object({
    documentId: id,
    owner: z.enum(SERVICES),
    template: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/),
  }),
);

export const JOBS: readonly JobDefinition[] = [
  ClientReportRequested,
  ClientReportDelivery,
  ClientReportDeliveryOutcome,
  CustodianAssigned,
  RenderDocument,
];

export const jobByName = (name: string): JobDefinition | undefined => JOBS.find((job) => job.name === name);
export const jobsOnQueue = (queue: QueueName): JobDefinition[] => JOBS.filter((job) => job.queue === queue);
