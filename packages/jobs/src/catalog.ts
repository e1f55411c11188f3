/**
 * Every domain event and job, defined once: its name, the queue it travels on, its payload schema
 * and its retries. Producers enqueue only through these definitions; consumers get the payload
 * parsed. Payloads carry ids and the facts the receiver needs, never personal data it could fetch.
 */
import { z } from 'zod';
import { SERVICES } from '@azukari/common';
import { QueueName } from './queue-names';
import { defineJob, type JobDefinition } from './job';
import { defineScheduledJob } from './scheduled-job';

const id = z.uuid();
const instant = z.iso.datetime({ offset: true });

/** The articles whose duty is a report to the client (the User): a report names the one it discharges. */
export const REPORT_ARTICLES = [
  'Art 2.1',
  'Art 3',
  'Art 5.2',
  'Art 5.3',
  'Art 6.1',
  'Art 7.1',
  'Art 9.1',
  'Art 9.3',
  'Art 10',
  'Art 11.1',
  'Art 12.2',
  'Art 13.1',
  'Art 13.2',
  'Art 13.5',
  'Art 13.6',
] as const;
export type ReportArticle = (typeof REPORT_ARTICLES)[number];

/** A kind of report: a stable dotted name the client can switch on, e.g. `incident.reported`. */
export const REPORT_KIND = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

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
    kind: z.string().max(100).regex(REPORT_KIND),
    /** What the report is about, e.g. `{ type: 'Incident', id }`. */
    subject: z.object({ type: z.string().regex(/^[A-Z][A-Za-z]{1,60}$/), id }),
    facts: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,60}$/), fact),
    /** When the regulation wants it delivered by: the evidence of "promptly" or "immediately". */
    dueAt: instant,
  }),
);

/** The channels a report reaches a client by: its report address, and its webhook endpoints. */
export const DELIVERY_CHANNELS = ['EMAIL', 'WEBHOOK'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/**
 * Tries of a delivery to a client: about three days, doubling from ten seconds to a six-hour cap,
 * each wait jittered (so that a thousand reports queued behind one outage do not return as one
 * wave) and never shorter than an endpoint's `Retry-After`. Then the delivery is set aside as
 * FAILED, visible to staff and the partner, and redeliverable on request.
 */
export const DELIVERY_RETRIES = { attempts: 24, backoff: { baseMs: 10_000, capMs: 6 * 3600_000, jitter: 0.2 } } as const;

/**
 * contracts asks the worker to deliver one client report through one channel: its report address,
 * or one webhook endpoint. The worker fetches what to send by the delivery id.
 */
export const ClientReportDelivery = defineJob(
  'client-report.deliver',
  QueueName.DELIVERIES,
  z.object({ deliveryId: id, reportId: id, clientId: id, channel: z.enum(DELIVERY_CHANNELS), endpointId: id.nullable() }),
  DELIVERY_RETRIES,
);

/**
 * The worker's word on each try of a delivery, recorded on the report by contracts: never given up
 * early. RETRYING says another try follows at `nextAttemptAt`; DELIVERED and FAILED are final; GONE
 * is an endpoint that answered 410, which contracts disables and tells the client of by email.
 */
export const ClientReportDeliveryOutcome = defineJob(
  'client-report.delivery-outcome',
  QueueName.DELIVERY_RESULTS,
  z.object({
    deliveryId: id,
    reportId: id,
    channel: z.enum(DELIVERY_CHANNELS),
    status: z.enum(['DELIVERED', 'RETRYING', 'FAILED', 'GONE']),
    attempt: z.number().int().min(1),
    at: instant,
    durationMs: z.number().int().min(0),
    responseStatus: z.number().int().nullable(),
    error: z.string().max(500).nullable(),
    nextAttemptAt: instant.nullable(),
  }),
);

/** contracts disabled a webhook endpoint that answered 410: the worker emails the client about it. */
export const WebhookEndpointDisabledNotice = defineJob(
  'webhook-endpoint.disabled-notice',
  QueueName.DELIVERIES,
  // The report whose delivery met the 410, which the notice names.
  z.object({ endpointId: id, clientId: id, disabledAt: instant, reportId: id }),
  DELIVERY_RETRIES,
);

/**
 * Due every minute (schedule-catalog.ts): contracts escalates to staff every report still
 * undelivered past its due time, once each, so that a report the client never received is not
 * left to be found at the next inspection.
 */
export const OverdueClientReportsDue = defineScheduledJob('client-reports.overdue-due', QueueName.CONTRACTS_EVENTS);

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

/**
 * contracts ended or terminated a contract: the service is over, and under Art 9.1 its data is to
 * be returned or disposed of as the client instructs. Custody consumes it from a later issue on (it
 * will stop new handling and open the return or disposal); until then it waits on its own queue in
 * Redis, kept, since nothing consumes that queue yet.
 */
export const ContractEnded = defineJob(
  'contract.ended',
  QueueName.CUSTODY_EVENTS,
  z.object({
    contractId: id,
    clientId: id,
    /** ENDED: the service ran its course; TERMINATED: it was cut short. */
    status: z.enum(['ENDED', 'TERMINATED']),
    /** The date the service ended, in Asia/Tokyo (YYYY-MM-DD). */
    endedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    at: instant,
  }),
);

export const JOBS: readonly JobDefinition[] = [
  ClientReportRequested,
  ClientReportDelivery,
  ClientReportDeliveryOutcome,
  WebhookEndpointDisabledNotice,
  OverdueClientReportsDue,
  CustodianAssigned,
  RenderDocument,
  ContractEnded,
];

export const jobByName = (name: string): JobDefinition | undefined => JOBS.find((job) => job.name === name);
export const jobsOnQueue = (queue: QueueName): JobDefinition[] => JOBS.filter((job) => job.queue === queue);
