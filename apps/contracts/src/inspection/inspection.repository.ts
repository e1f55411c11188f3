/** The only place that touches inspections and their contracts, discussions and costs; scoped to the caller's client. */
import type { EntityManager } from 'typeorm';
import { ClientScopedRepository, type TenantScope } from '@azukari/db';
import {
  InspectionContractEntity,
  InspectionCostDiscussionEntity,
  InspectionCostEntity,
  InspectionEntity,
  type InspectionStatus,
} from './inspection.entity';

export interface InspectionFilter {
  clientId: string | null;
  contractId: string | null;
  status: InspectionStatus | null;
}

export class InspectionRepository extends ClientScopedRepository<InspectionEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, InspectionEntity);
  }

  async page(filter: InspectionFilter, afterId: string | null, limit: number): Promise<InspectionEntity[]> {
    const qb = this.query('i').orderBy('i.id', 'ASC').limit(limit);
    if (filter.clientId) qb.andWhere('i.clientId = :clientId', { clientId: filter.clientId });
    if (filter.status) qb.andWhere('i.status = :status', { status: filter.status });
    if (filter.contractId) {
      qb.andWhere('i.id IN (SELECT ic.inspectionId FROM inspection_contract ic WHERE ic.contractId = :contractId)', {
        contractId: filter.contractId,
      });
    }
    if (afterId) qb.andWhere('i.id > :afterId', { afterId });
    return await qb.getMany();
  }

  /** The row, locked for the rest of the transaction: two answers to one inspection must not interleave. */
  async lockById(id: string): Promise<InspectionEntity | null> {
    return await this.query('i').andWhere('i.id = :id', { id }).setLock('pessimistic_write').getOne();
  }
}

export class InspectionContractRepository extends ClientScopedRepository<InspectionContractEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, InspectionContractEntity);
  }

  async ofInspections(inspectionIds: readonly string[]): Promise<InspectionContractEntity[]> {
    return (await this.findIn('inspectionId', inspectionIds)).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async ofContracts(contractIds: readonly string[]): Promise<InspectionContractEntity[]> {
    return (await this.findIn('contractId', contractIds)).sort((a, b) => (a.inspectionId < b.inspectionId ? -1 : 1));
  }
}

export class InspectionCostDiscussionRepository extends ClientScopedRepository<InspectionCostDiscussionEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, InspectionCostDiscussionEntity);
  }

  async ofInspections(inspectionIds: readonly string[]): Promise<InspectionCostDiscussionEntity[]> {
    return (await this.findIn('inspectionId', inspectionIds)).sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}

export class InspectionCostRepository extends ClientScopedRepository<InspectionCostEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, InspectionCostEntity);
  }

  async ofInspections(inspectionIds: readonly string[]): Promise<InspectionCostEntity[]> {
    return (await this.findIn('inspectionId', inspectionIds)).sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}
