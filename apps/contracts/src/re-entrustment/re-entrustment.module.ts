/**
 * Re-entrustment (Art 6, 13.6): proposals to pass part of a contract's handling on to a
 * subcontractor, reported to the client and effective only with its written consent; the
 * obligations flowed down and the supervision done (6.2); the subcontractor's own reports,
 * forwarded to the client, and the client's instructions for it (13.6).
 */
import { defineFeature, type Feature } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { ReEntrustmentEntity } from './re-entrustment.entity';
import { ReEntrustmentObligationEntity } from './re-entrustment-obligation.entity';
import { reEntrustmentLoaders, type ReEntrustmentLoaders } from './re-entrustment.loaders';
import {
  ContractReEntrustmentsResolver,
  ReEntrustmentResolver,
  SubcontractorComplianceReportResolver,
  SupervisionReviewResolver,
} from './re-entrustment.resolver';
import { SubcontractorInstructionEntity } from './subcontractor-instruction.entity';
import { SubcontractorReportEntity } from './subcontractor-report.entity';
import { SupervisionFollowUpEntity } from './supervision-follow-up.entity';
import { SupervisionReviewEntity } from './supervision-review.entity';

export const reEntrustmentFeature: Feature<ContractsDeps, ReEntrustmentLoaders> = defineFeature({
  name: 're-entrustment',
  entities: [
    ReEntrustmentEntity,
    ReEntrustmentObligationEntity,
    SupervisionReviewEntity,
    SupervisionFollowUpEntity,
    SubcontractorReportEntity,
    SubcontractorInstructionEntity,
  ],
  resolvers: [ReEntrustmentResolver, SupervisionReviewResolver, SubcontractorComplianceReportResolver, ContractReEntrustmentsResolver],
  loaders: reEntrustmentLoaders,
});
