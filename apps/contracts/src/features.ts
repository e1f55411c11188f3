/** The contracts subgraph's features, listed once: its schema, entities, loaders, routes and consumers follow. */
import { OPERATOR_SCOPE } from '@azukari/db';
import { auditTrailFeature } from '@azukari/service-kit';
import { apiTokenFeature } from './api-token/api-token.module';
import { clientFeature } from './client/client.module';
import { clientReportFeature } from './client-report/client-report.module';
import { contractFeature } from './contract/contract.module';
import { reportAnswerFeature } from './report-answer/report-answer.module';
import { contractDecisionFeature } from './contract-decision/contract-decision.module';
import { reportChannelFeature } from './report-channel/report-channel.module';
import { webhookEndpointFeature } from './webhook-endpoint/webhook-endpoint.module';
import { safetyMeasureFeature } from './safety-measure/safety-measure.module';
import { measureChallengeFeature } from './measure-challenge/measure-challenge.module';
import { viewerFeature } from './viewer/viewer.module';
import { inspectionFeature } from './inspection/inspection.module';
import { subcontractorFeature } from './subcontractor/subcontractor.module';
import { reEntrustmentFeature } from './re-entrustment/re-entrustment.module';
import { writtenConsentFeature } from './written-consent/written-consent.module';
import { ClientRepository } from './client/client.repository';

/** Contracts owns clients, so the audit trail's root field is here. */
const auditTrail = auditTrailFeature('contracts', {
  rootQuery: {
    clientExists: async (deps, id) => (await new ClientRepository(deps.dataSource.manager, OPERATOR_SCOPE).findByIds([id])).length > 0,
  },
});

export const CONTRACTS_FEATURES = [
  clientFeature,
  contractFeature,
  writtenConsentFeature,
  contractDecisionFeature,
  apiTokenFeature,
  clientReportFeature,
  webhookEndpointFeature,
  reportChannelFeature,
  inspectionFeature,
  subcontractorFeature,
  reEntrustmentFeature,
  reportAnswerFeature,
  safetyMeasureFeature,
  measureChallengeFeature,
  viewerFeature,
  auditTrail,
] as const;
