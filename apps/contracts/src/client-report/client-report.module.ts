/**
 * Client reports (Art 5.2, 6.1, 7.1, 9.3, 10, 11.1, 12.2, 13.1, 13.2, 13.5, 13.6): the one consumer that turns
 * any service's `client-report.requested` into a ClientReport with a delivery per channel, the
 * worker's outcome of every try, the routes the worker asks for what to send, the `clientReports`
 * and `clientReportDeliveries` queries and redelivery.
 */
import { ClientReportDeliveryOutcome, ClientReportRequested, OverdueClientReportsDue, handle } from '@azukari/jobs';
import { EmailDeliveryDetails, EndpointNoticeDetails, WebhookDeliveryDetails } from '@azukari/routes';
import { defineFeature, implement, type Feature } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { ClientReportEntity } from './client-report.entity';
import { ClientReportAttemptEntity } from './client-report-attempt.entity';
import { ClientReportDeliveryEntity } from './client-report-delivery.entity';
import { clientReportLoaders, type ClientReportLoaders } from './client-report.loaders';
import { ClientReportDeliveryResolver, ClientReportResolver } from './client-report.resolver';
import { ClientReportService } from './client-report.service';

export const clientReportFeature: Feature<ContractsDeps, ClientReportLoaders> = defineFeature({
  name: 'client-report',
  entities: [ClientReportEntity, ClientReportDeliveryEntity, ClientReportAttemptEntity],
  resolvers: [ClientReportResolver, ClientReportDeliveryResolver],
  loaders: clientReportLoaders,
  routes: (deps: ContractsDeps) => {
    const reports = new ClientReportService(deps);
    return [
      implement(WebhookDeliveryDetails, async ({ deliveryId }) => await reports.webhookDelivery(deliveryId)),
      implement(EmailDeliveryDetails, async ({ deliveryId }) => await reports.emailDelivery(deliveryId)),
      implement(EndpointNoticeDetails, async ({ endpointId }) => await reports.endpointNotice(endpointId)),
    ];
  },
  consumers: (deps: ContractsDeps) => {
    const reports = new ClientReportService(deps);
    return [
      handle(ClientReportRequested, async (request, job) => {
        const reportId = await reports.record(request, job);
        job.log.info({ reportId, kind: request.kind, article: request.article }, 'client report recorded');
      }),
      handle(ClientReportDeliveryOutcome, async (outcome, job) => {
        await reports.recordOutcome(outcome, job);
        job.log.info({ reportId: outcome.reportId, deliveryId: outcome.deliveryId, status: outcome.status }, 'delivery outcome recorded');
      }),
      handle(OverdueClientReportsDue, async ({ occurrence }, job) => {
        const escalated = await reports.escalateOverdue(occurrence, job);
        if (escalated > 0) job.log.warn({ occurrence, escalated }, 'overdue client reports escalated');
      }),
    ];
  },
});
