/** contracts' consumers: incidents to report, and the worker's delivery outcomes. */
import type { Worker } from 'bullmq';
import { ClientReportDeliveryOutcome, IncidentReported, QueueName, handle, startConsumer } from '@azukari/jobs';
import type { JobEnvelope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import { ClientReportService } from './client-report.service';

export const startContractsConsumers = (deps: ContractsDeps): Worker[] => {
  const reports = new ClientReportService(deps);
  const settings = { redisUrl: deps.config.redisUrl, prefix: deps.config.queuePrefix };
  return [
    startConsumer(
      QueueName.CONTRACTS_EVENTS,
      [
        handle(IncidentReported, async (payload, ctx) => {
          const envelope = ctx.job.data as JobEnvelope;
          const recorded = await reports.recordIncidentReported(payload, ctx.jobId, envelope.occurredAt, envelope.trace);
          ctx.log.info({ incidentId: payload.incidentId, recorded }, 'incident reports recorded');
        }),
      ],
      settings,
      deps.log,
    ),
    startConsumer(
      QueueName.DELIVERY_RESULTS,
      [
        handle(ClientReportDeliveryOutcome, async (payload, ctx) => {
          await reports.recordOutcome(payload, ctx.jobId);
          ctx.log.info({ reportId: payload.reportId, status: payload.status }, 'delivery outcome recorded');
        }),
      ],
      settings,
      deps.log,
    ),
  ];
};
