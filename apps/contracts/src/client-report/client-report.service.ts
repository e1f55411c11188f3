/**
 * Client reports: recorded from domain events (one per affected client), handed to the worker
 * through the outbox, and updated with the worker's outcome. Every step is idempotent on the job id.
 */
import { DomainError, ErrorCode, newId } from '@azukari/common';
import { OPERATOR_SCOPE, processOnce } from '@azukari/db';
import { ClientReportDelivery, IncidentReported, type JobPayload, ClientReportDeliveryOutcome } from '@azukari/jobs';
import type { ContractsDeps } from '../deps';
import { ClientRepository } from '../client/client.repository';
import { ClientReportRepository } from './client-report.repository';

const CONSUMER = 'contracts';

export interface WebhookDelivery {
  reportId: string;
  url: string;
  secret: string;
  body: string;
}

export class ClientReportService {
  constructor(private readonly deps: ContractsDeps) {}

  /** Art 7.1: a report of the incident to every affected client, at once. */
  async recordIncidentReported(
    payload: JobPayload<typeof IncidentReported>,
    jobId: string,
    occurredAt: string,
    trace: string | null,
  ): Promise<boolean> {
    const done = await processOnce(this.deps.dataSource, this.deps.clock, CONSUMER, jobId, async (manager) => {
      const clients = await new ClientRepository(manager, OPERATOR_SCOPE).findByIds(payload.affected.map((a) => a.clientId));
      const byId = new Map(clients.map((c) => [c.id, c]));
      const reports = new ClientReportRepository(manager, OPERATOR_SCOPE);
      const now = this.deps.clock.now();
      for (const affected of payload.affected) {
        const client = byId.get(affected.clientId);
        if (!client) {
          this.deps.log.error({ clientId: affected.clientId, jobId }, 'incident names an unknown client; no report recorded');
          continue;
        }
        const id = newId();
        const body = JSON.stringify({
          type: IncidentReported.name,
          reportId: id,
          clientId: client.id,
          article: 'Art 7.1',
          occurredAt,
          data: {
            incidentId: payload.incidentId,
            kind: payload.kind,
            certainty: payload.certainty,
            detectedAt: payload.detectedAt,
            contractIds: affected.contractIds,
          },
        });
        const channel = client.webhookUrl ? 'WEBHOOK' : 'NONE';
        await reports.insert({
          id,
          clientId: client.id,
          kind: IncidentReported.name,
          article: 'Art 7.1',
          subjectId: payload.incidentId,
          sourceJobId: jobId,
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
          await this.deps.outbox.add(manager, ClientReportDelivery, { reportId: id, clientId: client.id, channel: 'WEBHOOK' }, trace);
        }
      }
    });
    this.deps.relay.nudge();
    return done;
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
