/**
 * Client reports: recorded from the one `client-report.requested` event any service writes, with
 * one delivery per channel the client chose for its kind, each handed to the worker through the
 * outbox; every try's outcome recorded; failed deliveries set aside and redelivered on request.
 * Every step is idempotent on the job id, so a redelivered event records nothing twice.
 */
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, newId } from '@azukari/common';
import { OPERATOR_SCOPE, isDuplicateKey, processOnce, type TenantScope } from '@azukari/db';
import {
  ClientReportDelivery,
  type ClientReportDeliveryOutcome,
  type ClientReportRequested,
  type DeliveryChannel,
  type JobPayload,
} from '@azukari/jobs';
import type { ContractsDeps } from '../deps';
import { ClientRepository } from '../client/client.repository';
import { channelsFor } from '../report-channel/report-channel.service';
import { answersOffered, decisionsOf } from '../report-answer/answers-offered';
import { signReportLink } from '../report-answer/report-link';
import { WebhookEndpointRepository } from '../webhook-endpoint/webhook-endpoint.repository';
import { WebhookEndpointService } from '../webhook-endpoint/webhook-endpoint.service';
import type { ClientReportEntity, DeliveryStatus } from './client-report.entity';
import { ClientReportDeliveryEntity } from './client-report-delivery.entity';
import { ClientReportAttemptRepository, ClientReportDeliveryRepository } from './client-report-delivery.repository';
import { ClientReportRepository } from './client-report.repository';

const CONSUMER = 'contracts';

/** What a try's outcome changes on its delivery and on its report: written without reading first. */
const DELIVERY_PROGRESS = [
  'status',
  'attempts',
  'lastAttemptAt',
  'lastResponseStatus',
  'lastError',
  'nextAttemptAt',
  'deliveredAt',
  'failedAt',
  'updatedAt',
] as const;
const REPORT_PROGRESS = ['deliveryStatus', 'attempts', 'lastResponseStatus', 'lastError', 'deliveredAt', 'updatedAt'] as const;

/** The envelope's fields a recorded report keeps. */
export interface ReportEvent {
  jobId: string;
  occurredAt: string;
  trace: string | null;
}

/** Where one delivery goes: the report address, or one endpoint. */
type Destination = { channel: 'EMAIL'; endpointId: null; target: string } | { channel: 'WEBHOOK'; endpointId: string; target: string };

/** The report as a whole, from its deliveries: told once any channel delivered; FAILED when all failed. */
const summarise = (report: ClientReportEntity, deliveries: readonly ClientReportDeliveryEntity[]): void => {
  const live = deliveries.filter((d) => d.status !== 'REDELIVERED');
  const delivered = deliveries.map((d) => d.deliveredAt).filter((at): at is Date => at !== null);
  const status: DeliveryStatus = delivered.length > 0 ? 'DELIVERED' : live.every((d) => d.status === 'FAILED') ? 'FAILED' : 'PENDING';
  report.deliveryStatus = status;
  report.deliveredAt = delivered.length > 0 ? new Date(Math.min(...delivered.map((at) => at.getTime()))) : null;
  report.attempts = deliveries.reduce((sum, d) => sum + d.attempts, 0);
};

export class ClientReportService {
  constructor(private readonly deps: ContractsDeps) {}

  /** A delivery row and its job, in `manager`'s transaction. */
  private async deliver(
    manager: EntityManager,
    report: Pick<ClientReportEntity, 'id' | 'clientId'>,
    to: Destination,
    trace: string | null,
    redeliveryOf: string | null = null,
  ): Promise<ClientReportDeliveryEntity> {
    const now = this.deps.clock.now();
    const row: ClientReportDeliveryEntity = {
      id: newId(),
      reportId: report.id,
      clientId: report.clientId,
      channel: to.channel,
      endpointId: to.endpointId,
      target: to.target,
      status: 'PENDING',
      attempts: 0,
      lastResponseStatus: null,
      lastError: null,
      lastAttemptAt: null,
      nextAttemptAt: null,
      deliveredAt: null,
      failedAt: null,
      redeliveryOf,
      createdAt: now,
      updatedAt: now,
    };
    await new ClientReportDeliveryRepository(manager, OPERATOR_SCOPE).insert(row);
    await this.deps.outbox.add(
      manager,
      ClientReportDelivery,
      { deliveryId: row.id, reportId: report.id, clientId: report.clientId, channel: to.channel, endpointId: to.endpointId },
      trace,
    );
    return row;
  }

  /** Records the report and schedules a delivery through each of the client's channels for its kind, at once. */
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
      const now = this.deps.clock.now();
      const report: ClientReportEntity = {
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
        deliveryStatus: 'PENDING',
        attempts: 0,
        lastResponseStatus: null,
        lastError: null,
        deliveredAt: null,
        escalatedAt: null,
        acknowledgedAt: null,
        asksAnswer: decisionsOf(this.deps.reportAnswers, request.kind).length > 0,
        answer: null,
        answeredAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await new ClientReportRepository(manager, OPERATOR_SCOPE).insert(report);
      const channels = await channelsFor(manager, client.id, request.kind);
      // One email per recipient, each with links of its own; the client's report address by default.
      for (const to of channels.email ? (channels.recipients ?? [client.reportEmail]) : []) {
        await this.deliver(manager, report, { channel: 'EMAIL', endpointId: null, target: to }, event.trace);
      }
      for (const endpoint of channels.endpoints) {
        await this.deliver(manager, report, { channel: 'WEBHOOK', endpointId: endpoint.id, target: endpoint.url }, event.trace);
      }
      recorded = id;
    });
    return recorded;
  }

  /**
   * The worker's word on one try. Every try is kept; a delivery's state follows its latest try
   * (outcomes may arrive out of order), and a delivered one stays delivered.
   */
  async recordOutcome(outcome: JobPayload<typeof ClientReportDeliveryOutcome>, event: ReportEvent): Promise<boolean> {
    return await processOnce(this.deps.dataSource, this.deps.clock, CONSUMER, event.jobId, async (manager) => {
      const reports = new ClientReportRepository(manager, OPERATOR_SCOPE);
      const report = await reports.findById(outcome.reportId);
      if (!report) throw new Error(`outcome for unknown report ${outcome.reportId}`);
      const deliveries = await new ClientReportDeliveryRepository(manager, OPERATOR_SCOPE).lockOfReport(report.id);
      const delivery = deliveries.find((d) => d.id === outcome.deliveryId);
      if (!delivery) throw new Error(`outcome for unknown delivery ${outcome.deliveryId}`);
      const at = new Date(outcome.at);
      // One row per try: a second word on the same try (none is expected: its event id is drawn
      // from the try) meets the unique key, and only that statement is undone.
      await new ClientReportAttemptRepository(manager, OPERATOR_SCOPE)
        .insert({
          id: newId(),
          deliveryId: delivery.id,
          reportId: report.id,
          clientId: report.clientId,
          attempt: outcome.attempt,
          at,
          outcome: outcome.status,
          durationMs: outcome.durationMs,
          responseStatus: outcome.responseStatus,
          error: outcome.error,
          nextAttemptAt: outcome.nextAttemptAt ? new Date(outcome.nextAttemptAt) : null,
        })
        .catch((error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
        });
      const latest = outcome.attempt >= delivery.attempts;
      if (delivery.status === 'PENDING' && (latest || outcome.status === 'DELIVERED')) {
        delivery.attempts = Math.max(delivery.attempts, outcome.attempt);
        delivery.lastAttemptAt = at;
        delivery.lastResponseStatus = outcome.responseStatus;
        delivery.lastError = outcome.error;
        delivery.nextAttemptAt = outcome.status === 'RETRYING' && outcome.nextAttemptAt ? new Date(outcome.nextAttemptAt) : null;
        if (outcome.status === 'DELIVERED') {
          delivery.status = 'DELIVERED';
          delivery.deliveredAt = at;
        } else if (outcome.status === 'FAILED' || outcome.status === 'GONE') {
          delivery.status = 'FAILED';
          delivery.failedAt = at;
        }
        delivery.updatedAt = this.deps.clock.now();
        await new ClientReportDeliveryRepository(manager, OPERATOR_SCOPE).update(delivery, DELIVERY_PROGRESS);
      }
      if (outcome.status === 'GONE' && delivery.endpointId) {
        await new WebhookEndpointService(this.deps, OPERATOR_SCOPE).disableGone(manager, delivery.endpointId, report.id, at, event.trace);
      }
      summarise(report, deliveries);
      if (latest) {
        report.lastResponseStatus = outcome.responseStatus;
        report.lastError = outcome.error;
      }
      report.updatedAt = this.deps.clock.now();
      await reports.update(report, REPORT_PROGRESS);
    });
  }

  /**
   * Escalates to staff every report still undelivered past its due time at `occurrence`, once
   * each: marked, and logged as an error with the client and the report for the operator's
   * alerting. Staff see them with `clientReports(delivered: false, overdue: true)`.
   */
  async escalateOverdue(occurrence: string, event: ReportEvent): Promise<number> {
    let escalated = 0;
    await processOnce(this.deps.dataSource, this.deps.clock, CONSUMER, event.jobId, async (manager) => {
      const at = new Date(occurrence);
      const reports = new ClientReportRepository(manager, OPERATOR_SCOPE);
      const overdue = await reports.overdueUnescalated(at, 500);
      for (const report of overdue) {
        report.escalatedAt = at;
        report.updatedAt = this.deps.clock.now();
        await reports.save(report);
        this.deps.log.error(
          { reportId: report.id, clientId: report.clientId, kind: report.kind, article: report.article, dueAt: report.dueAt.toISOString() },
          'client report undelivered past its due time: escalated to staff',
        );
      }
      escalated = overdue.length;
    });
    return escalated;
  }

  /**
   * Sends a report again through each channel whose delivery failed, as a new delivery of the same
   * report (the same body and webhook-id, so a receiver that had it counts it once). To the
   * client's report address and endpoint as they are now.
   */
  async redeliver(reportId: string, scope: TenantScope, trace: string | null): Promise<ClientReportEntity> {
    return await this.deps.dataSource.transaction(async (manager) => {
      const reports = new ClientReportRepository(manager, scope);
      const report = await reports.findById(reportId);
      if (!report) throw new DomainError(ErrorCode.NOT_FOUND, `No client report ${reportId}.`);
      const deliveryRepo = new ClientReportDeliveryRepository(manager, scope);
      const deliveries = await deliveryRepo.lockOfReport(report.id);
      const failed = deliveries.filter((d) => d.status === 'FAILED');
      if (failed.length === 0) {
        throw new DomainError(ErrorCode.CONFLICT, 'No delivery of this report has failed: there is nothing to redeliver.');
      }
      const client = (await new ClientRepository(manager, OPERATOR_SCOPE).findById(report.clientId))!;
      const endpoints = new WebhookEndpointRepository(manager, OPERATOR_SCOPE);
      // A named recipient gets its email again; the default recipient is the report address as it is now.
      const named = (await channelsFor(manager, report.clientId, report.kind)).recipients;
      const destinations: [ClientReportDeliveryEntity, Destination][] = [];
      for (const d of failed) {
        if (d.channel === 'EMAIL') {
          destinations.push([d, { channel: 'EMAIL', endpointId: null, target: named ? d.target : client.reportEmail }]);
          continue;
        }
        const endpoint = d.endpointId ? await endpoints.findById(d.endpointId) : null;
        if (endpoint?.enabled) destinations.push([d, { channel: 'WEBHOOK', endpointId: endpoint.id, target: endpoint.url }]);
      }
      if (destinations.length === 0) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          'The failed deliveries went to webhook endpoints that are now disabled or removed: enable the endpoint first.',
        );
      }
      const now = this.deps.clock.now();
      for (const [old, to] of destinations) {
        old.status = 'REDELIVERED';
        old.updatedAt = now;
        await deliveryRepo.save(old);
        deliveries.push(await this.deliver(manager, report, to, trace, old.id));
      }
      summarise(report, deliveries);
      report.updatedAt = now;
      await reports.save(report);
      return report;
    });
  }

  private async deliveryOf(manager: EntityManager, deliveryId: string, channel: DeliveryChannel) {
    const delivery = await new ClientReportDeliveryRepository(manager, OPERATOR_SCOPE).findById(deliveryId);
    if (!delivery || delivery.channel !== channel) throw new DomainError(ErrorCode.NOT_FOUND, `No ${channel} delivery ${deliveryId}.`);
    const report = (await new ClientReportRepository(manager, OPERATOR_SCOPE).findById(delivery.reportId))!;
    return { delivery, report };
  }

  /** What the worker needs to deliver by webhook: where, the secrets that sign now, the exact body. */
  async webhookDelivery(deliveryId: string) {
    const manager = this.deps.dataSource.manager;
    const { delivery, report } = await this.deliveryOf(manager, deliveryId, 'WEBHOOK');
    const endpoint = delivery.endpointId
      ? await new WebhookEndpointRepository(manager, OPERATOR_SCOPE).findById(delivery.endpointId)
      : null;
    if (!endpoint) throw new DomainError(ErrorCode.NOT_FOUND, 'The webhook endpoint was removed.');
    if (!endpoint.enabled)
      throw new DomainError(
        ErrorCode.NOT_FOUND,
        `The webhook endpoint is disabled${endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ''}.`,
      );
    const secrets = new WebhookEndpointService(this.deps, OPERATOR_SCOPE).signingSecrets(endpoint, this.deps.clock.now());
    return { reportId: report.id, endpointId: endpoint.id, url: endpoint.url, secrets, body: report.body };
  }

  /**
   * What the worker needs to email a report: the address it was decided for, the client's language
   * and name, and the recipient's signed link, drawn from the delivery so that every try sends the same.
   */
  async emailDelivery(deliveryId: string) {
    const manager = this.deps.dataSource.manager;
    const { delivery, report } = await this.deliveryOf(manager, deliveryId, 'EMAIL');
    const client = (await new ClientRepository(manager, OPERATOR_SCOPE).findById(report.clientId))!;
    const link = await signReportLink(this.deps.config.reportLinkKey, {
      reportId: report.id,
      linkId: delivery.id,
      recipient: delivery.target,
      issuedAt: delivery.createdAt,
    });
    return {
      reportId: report.id,
      to: delivery.target,
      language: client.language,
      clientName: client.name,
      body: report.body,
      link: { token: link.token, expiresAt: link.expiresAt.toISOString(), answers: answersOffered(this.deps.reportAnswers, report.kind) },
    };
  }

  /** What the worker needs to tell a client that its endpoint was disabled. */
  async endpointNotice(endpointId: string) {
    const manager = this.deps.dataSource.manager;
    const endpoint = await new WebhookEndpointRepository(manager, OPERATOR_SCOPE).findById(endpointId);
    if (!endpoint) throw new DomainError(ErrorCode.NOT_FOUND, `No webhook endpoint ${endpointId}.`);
    const client = (await new ClientRepository(manager, OPERATOR_SCOPE).findById(endpoint.clientId))!;
    return { endpointId, url: endpoint.url, to: client.reportEmail, language: client.language, clientName: client.name };
  }
}
