/**
 * Client reports (Art 5.2, 6.1, 7.1, 9.3, 10, 11.1, 12.2, 13.1, 13.6): the one consumer that turns
 * any service's `client-report.requested` into a ClientReport, the worker's outcomes, the route
 * the worker asks for delivery details, and the `clientReports` query.
 */
import { ClientReportDeliveryOutcome, ClientReportRequested, handle } from '@azukari/jobs';
import { WebhookDeliveryDetails } from '@azukari/routes';
import { defineFeature, implement } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { ClientReportEntity } from './client-report.entity';
import { ClientReportResolver } from './client-report.resolver';
import { ClientReportService } from './client-report.service';

export const clientReportFeature = defineFeature<ContractsDeps>({
  name: 'client-report',
  entities: [ClientReportEntity],
  resolvers: [ClientReportResolver],
  routes: (deps) => [
    implement(WebhookDeliveryDetails, async ({ reportId }) => await new ClientReportService(deps).webhookDelivery(reportId)),
  ],
  consumers: (deps) => {
    const reports = new ClientReportService(deps);
    return [
      handle(ClientReportRequested, async (request, job) => {
        const reportId = await reports.record(request, job);
        job.log.info({ reportId, kind: request.kind, article: request.article }, 'client report recorded');
      }),
      handle(ClientReportDeliveryOutcome, async (outcome, job) => {
        await reports.recordOutcome(outcome, job.jobId);
        job.log.info({ reportId: outcome.reportId, status: outcome.status }, 'delivery outcome recorded');
      }),
    ];
  },
});
