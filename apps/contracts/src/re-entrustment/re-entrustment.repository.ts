/** The only places that touch re-entrustments and what is recorded on them; scoped to the caller's client. */
import type { EntityManager, EntityTarget } from 'typeorm';
import { ClientScopedRepository, type ClientOwned, type TenantScope } from '@azukari/db';
import { ReEntrustmentObligationEntity } from './re-entrustment-obligation.entity';
import { ReEntrustmentEntity, type ReEntrustmentStatus } from './re-entrustment.entity';
import { SubcontractorInstructionEntity } from './subcontractor-instruction.entity';
import { SubcontractorReportEntity } from './subcontractor-report.entity';
import { SupervisionFollowUpEntity } from './supervision-follow-up.entity';
import { SupervisionReviewEntity } from './supervision-review.entity';

export interface ReEntrustmentFilter {
  clientId?: string | null;
  contractId?: string | null;
  subcontractorId?: string | null;
  status?: ReEntrustmentStatus | null;
  /** Only proposals unanswered past their answer date, as of `today` (a date in Japan). */
  answerOverdue?: boolean | null;
}

export class ReEntrustmentRepository extends ClientScopedRepository<ReEntrustmentEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, ReEntrustmentEntity);
  }

  async page(filter: ReEntrustmentFilter, today: string, afterId: string | null, limit: number): Promise<ReEntrustmentEntity[]> {
    const qb = this.query('r').orderBy('r.id', 'ASC').limit(limit);
    if (filter.clientId) qb.andWhere('r.clientId = :clientId', { clientId: filter.clientId });
    if (filter.contractId) qb.andWhere('r.contractId = :contractId', { contractId: filter.contractId });
    if (filter.subcontractorId) qb.andWhere('r.subcontractorId = :subcontractorId', { subcontractorId: filter.subcontractorId });
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.answerOverdue === true) qb.andWhere("r.status = 'PROPOSED' AND r.answerBy < :today", { today });
    if (filter.answerOverdue === false)
      qb.andWhere("NOT (r.status = 'PROPOSED' AND r.answerBy IS NOT NULL AND r.answerBy < :today)", { today });
    if (afterId) qb.andWhere('r.id > :afterId', { afterId });
    return await qb.getMany();
  }

  async ofContracts(contractIds: readonly string[]): Promise<ReEntrustmentEntity[]> {
    return await this.findIn('contractId', contractIds);
  }

  /** The re-entrustments to `subcontractorId` in `status`, oldest first. */
  async toSubcontractor(subcontractorId: string, status: ReEntrustmentStatus): Promise<ReEntrustmentEntity[]> {
    return await this.query('r')
      .andWhere('r.subcontractorId = :subcontractorId AND r.status = :status', { subcontractorId, status })
      .orderBy('r.id', 'ASC')
      .getMany();
  }

  /** Is there a consented re-entrustment of this contract to this subcontractor? */
  async consented(contractId: string, subcontractorId: string): Promise<boolean> {
    const found = await this.query('r')
      .andWhere('r.contractId = :contractId AND r.subcontractorId = :subcontractorId AND r.status = :status', {
        contractId,
        subcontractorId,
        status: 'CONSENTED',
      })
      .getCount();
    return found > 0;
  }

  /** The proposals of this contract to this subcontractor still awaiting the client's answer, locked. */
  async awaitingAnswer(contractId: string, subcontractorId: string): Promise<ReEntrustmentEntity[]> {
    return await this.query('r')
      .andWhere('r.contractId = :contractId AND r.subcontractorId = :subcontractorId AND r.status = :status', {
        contractId,
        subcontractorId,
        status: 'PROPOSED',
      })
      .setLock('pessimistic_write')
      .getMany();
  }

  /** The re-entrustments this written consent decided, whatever became of them since. */
  async decidedBy(writtenConsentId: string): Promise<ReEntrustmentEntity[]> {
    return await this.query('r').andWhere('r.writtenConsentId = :writtenConsentId', { writtenConsentId }).getMany();
  }

  /** The consented re-entrustments that rest on this written consent, locked. */
  async consentedUnder(writtenConsentId: string): Promise<ReEntrustmentEntity[]> {
    return await this.query('r')
      .andWhere('r.writtenConsentId = :writtenConsentId AND r.status = :status', { writtenConsentId, status: 'CONSENTED' })
      .setLock('pessimistic_write')
      .getMany();
  }

  /** The row, locked for the rest of the transaction: two decisions on one proposal must not both win. */
  async lockById(id: string): Promise<ReEntrustmentEntity | null> {
    return await this.query('r').andWhere('r.id = :id', { id }).setLock('pessimistic_write').getOne();
  }
}

/** Rows recorded on a re-entrustment (or on one of its rows), read by their parent's id. */
class ChildRepository<E extends ClientOwned> extends ClientScopedRepository<E> {
  constructor(
    manager: EntityManager,
    scope: TenantScope,
    target: EntityTarget<E>,
    private readonly parent: keyof E & string,
  ) {
    super(manager, scope, target);
  }

  async ofParents(parentIds: readonly string[]): Promise<E[]> {
    if (parentIds.length === 0) return [];
    return await this.query('e')
      .andWhere(`e.${this.parent} IN (:...parentIds)`, { parentIds: [...new Set(parentIds)] })
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  async lockById(id: string): Promise<E | null> {
    return await this.query('e').andWhere('e.id = :id', { id }).setLock('pessimistic_write').getOne();
  }
}

export class ObligationRepository extends ChildRepository<ReEntrustmentObligationEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, ReEntrustmentObligationEntity, 'reEntrustmentId');
  }
}

export class ReviewRepository extends ChildRepository<SupervisionReviewEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, SupervisionReviewEntity, 'reEntrustmentId');
  }
}

export class FollowUpRepository extends ChildRepository<SupervisionFollowUpEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, SupervisionFollowUpEntity, 'reviewId');
  }
}

export class SubcontractorReportRepository extends ChildRepository<SubcontractorReportEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, SubcontractorReportEntity, 'reEntrustmentId');
  }
}

export class InstructionRepository extends ChildRepository<SubcontractorInstructionEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, SubcontractorInstructionEntity, 'reportId');
  }
}
