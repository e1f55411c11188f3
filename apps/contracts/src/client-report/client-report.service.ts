/**
 * Client reports: recorded from the one `client-report.requested` event any service writes, handed
 * to the worker through the outbox, and updated with the worker's outcome. Every step is
 * idempotent on the job id, so a redelivered event records nothing twice.
 */
import { DomainError, ErrorCode, newId } from '@azukari/common';
import { OPERATOR_SCOPE, processOnce } from '@azukari/db';
import { ClientReportDelivery, type ClientReportDeliveryOutcome, type ClientReportRequested, type JobPayload } from '@azukari/jobs';
import type { ContractsDeps } from '../deps';
import { ClientRepository } from '../client/client.repository';
import { ClientReportRepository } from './client-report.repository';

const CONSUMER = 'contracts';

/** The envelope's fields a recorded report keeps. */
export interface ReportEvent {
  jobId: string;
  occurredAt: string;
  trace: string | null;
}

export interface WebhookDelivery {
  reportId: string;
  url: string;
  secret: string;
  body: string;
}

export class ClientReportService {
  constructor(private readonly deps: ContractsDeps) {}

  /** Records the report and, where the client has a channel, schedules its delivery, at once. */
  async record(request: JobPayload<typeof ClientReportRequested>, event: ReportEvent): Promise<string | null> {
    let recorded: string | null = null;
    await processOnce(this.deps.dataSource, this.deps.clock, CONSUMER, event.jobId, async (manager) => {
      const client = await new ClientRepository(manager, OPERATOR_SCOPE).findById(request.clientId);
      if (!client) {
        // A producer's defect: retrying cannot make the client exist. Logged for the operator.
        this.deps.log.error({ clientId: request.clientId, jobId: event.jobId, kind: request.kind }, 'report names an unknown client');
        return;
      }
      const id = newId();
      // The body is fixed now, so every redelivery sends the same bytes under the same webhook-id.
      const body = JSON.stringify({
        type: request.kind,
        reportId: id,
        clientId: client.id,
        article: request.article,
        subject: request.subject,
        contractIds: request.contractIds,
        occurredAt: event.occurredAt,
        dueAt: request.dueAt,
        data: request.facts,
      });
      const channel = client.webhookUrl ? 'WEBHOOK' : 'NONE';
      const now = this.deps.clock.now();
      await new ClientReportRepository(manager, OPERATOR_SCOPE).insert({
        id,
        clientId: client.id,
        kind: request.kind,
        article: request.article,
        subjectType: request.subject.type,
        subjectId: request.subject.id,
        contractIds: JSON.stringify(request.contractIds),
        dueAt: new Date(request.dueAt),
        sourceJobId: event.jobId,
        body,
        channel,
        deliveryStatus: channel === 'WEBHOOK' ? 'PENDING' : 'NO_CHANNEL',
        attempts: 0,
        lastResponseStatus: null,
        lastError: null,
        deliveredAt: null,
        createdAt: now,
        updatedAt: now,
      });
      if (channel === 'WEBHOOK') {
        await this.deps.outbox.add(manager, ClientReportDelivery, { reportId: id, clientId: client.id, channel: 'WEBHOOK' }, event.trace);
      }
      recorded = id;
    });
    return recorded;
  }

  /** The worker's word on a delivery; a late failure never overwrites a delivery. */
  async recordOutcome(payload: JobPayload<typeof ClientReportDeliveryOutcome>, jobId: string): Promise<boolean> {
    return await processOnce(this.deps.dataSource, this.deps.clock, CONSUMER, jobId, async (manager) => {
      const reports = new ClientReportRepository(manager, OPERATOR_SCOPE);
      const report = await reports.findById(payload.reportId);
      if (!report) throw new Error(`outcome for unknown report ${payload.reportId}`);
      if (report.deliveryStatus === 'DELIVERED') return;
      report.deliveryStatus = payload.status;
      report.attempts = Math.max(report.attempts, payload.attempts);
      report.lastResponseStatus = payload.responseStatus;
      report.lastError = payload.error;
      report.deliveredAt = payload.status === 'DELIVERED' ? new Date(payload.at) : null;
      report.updatedAt = this.deps.clock.now();
      await reports.save(report);
    });
  }

  /** What the worker needs to deliver a report: where, the signing secret, the exact body. */
  async webhookDelivery(reportId: string): Promise<WebhookDelivery> {
    const manager = this.deps.dataSource.manager;
    const report = await new ClientReportRepository(manager, OPERATOR_SCOPE).findById(reportId);
    if (!report) throw new DomainError(ErrorCode.NOT_FOUND, `No client report ${reportId}.`);
    const client = await new ClientRepository(manager, OPERATOR_SCOPE).findById(report.clientId);
    if (!client?.webhookUrl || !client.webhookSecretSealed) {
      throw new DomainError(ErrorCode.NOT_FOUND, `Client ${report.clientId} has no webhook endpoint.`);
    }
    return { reportId, url: client.webhookUrl, secret: this.deps.secrets.open(client.webhookSecretSealed), body: report.body };
  }
}
