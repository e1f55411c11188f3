/** Per-request loaders of re-entrustments and what is recorded on them: one statement per list, whatever its length. */
import DataLoader from 'dataloader';
import { inIdOrder } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import type { ReEntrustmentEntity } from './re-entrustment.entity';
import {
  FollowUpRepository,
  InstructionRepository,
  ObligationRepository,
  ReEntrustmentRepository,
  ReviewRepository,
  SubcontractorReportRepository,
} from './re-entrustment.repository';
import type { ReEntrustmentObligationEntity } from './re-entrustment-obligation.entity';
import type { SubcontractorInstructionEntity } from './subcontractor-instruction.entity';
import type { SubcontractorReportEntity } from './subcontractor-report.entity';
import type { SupervisionFollowUpEntity } from './supervision-follow-up.entity';
import type { SupervisionReviewEntity } from './supervision-review.entity';

const grouped = <T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] => {
  const by = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) by.get(keyOf(row))?.push(row);
  return keys.map((k) => by.get(k) ?? []);
};

export const reEntrustmentLoaders = (deps: ContractsDeps, scope: TenantScope) => {
  const manager = deps.dataSource.manager;
  return {
    reEntrustment: new DataLoader<string, ReEntrustmentEntity | null>(async (ids) =>
      inIdOrder(ids, await new ReEntrustmentRepository(manager, scope).findByIds(ids)),
    ),
    contractReEntrustments: new DataLoader<string, ReEntrustmentEntity[]>(async (contractIds) =>
      grouped(
        contractIds,
        (await new ReEntrustmentRepository(manager, scope).ofContracts(contractIds)).sort((a, b) => a.id.localeCompare(b.id)),
        (r) => r.contractId,
      ),
    ),
    flowDownObligations: new DataLoader<string, ReEntrustmentObligationEntity[]>(async (ids) =>
      grouped(ids, await new ObligationRepository(manager, scope).ofParents(ids), (r) => r.reEntrustmentId),
    ),
    supervisionReviews: new DataLoader<string, SupervisionReviewEntity[]>(async (ids) =>
      grouped(ids, await new ReviewRepository(manager, scope).ofParents(ids), (r) => r.reEntrustmentId),
    ),
    reviewFollowUps: new DataLoader<string, SupervisionFollowUpEntity[]>(async (ids) =>
      grouped(ids, await new FollowUpRepository(manager, scope).ofParents(ids), (r) => r.reviewId),
    ),
    subcontractorReports: new DataLoader<string, SubcontractorReportEntity[]>(async (ids) =>
      grouped(ids, await new SubcontractorReportRepository(manager, scope).ofParents(ids), (r) => r.reEntrustmentId),
    ),
    subcontractorInstructions: new DataLoader<string, SubcontractorInstructionEntity[]>(async (ids) =>
      grouped(ids, await new InstructionRepository(manager, scope).ofParents(ids), (r) => r.reportId),
    ),
  };
};
export type ReEntrustmentLoaders = ReturnType<typeof reEntrustmentLoaders>;
