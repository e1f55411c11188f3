/** The only place that touches contract rows and their purpose versions; scoped to the caller's client by the base class. */
import type { EntityManager } from 'typeorm';
import { ClientScopedRepository, type TenantScope } from '@azukari/db';
import { ContractEntity } from './contract.entity';
import { ContractPurposeVersionEntity } from './contract-purpose-version.entity';

export class ContractRepository extends ClientScopedRepository<ContractEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, ContractEntity);
  }

  async page(clientId: string | null, afterId: string | null, limit: number): Promise<ContractEntity[]> {
    const qb = this.query('c').orderBy('c.id', 'ASC').limit(limit);
    if (clientId) qb.andWhere('c.clientId = :clientId', { clientId });
    if (afterId) qb.andWhere('c.id > :afterId', { afterId });
    return await qb.getMany();
  }

  /** The row, locked for the rest of the transaction: two changes of one contract's life take turns. */
  async lockById(id: string): Promise<ContractEntity | null> {
    return await this.query('c').andWhere('c.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async insertVersion(row: ContractPurposeVersionEntity): Promise<void> {
    if (!this.assertWritable(row.clientId)) throw new Error('tenant scope violated');
    await this.manager.insert(ContractPurposeVersionEntity, row);
  }

  /** The purpose versions of these contracts, oldest first, within the scope. */
  async versionsOf(contractIds: readonly string[]): Promise<ContractPurposeVersionEntity[]> {
    if (contractIds.length === 0) return [];
    const qb = this.manager
      .createQueryBuilder(ContractPurposeVersionEntity, 'v')
      .andWhere('v.contractId IN (:...contractIds)', { contractIds: [...new Set(contractIds)] })
      .orderBy('v.contractId', 'ASC')
      .addOrderBy('v.version', 'ASC');
    if (this.scope.kind === 'client') qb.andWhere('v.clientId = :tenantClientId', { tenantClientId: this.scope.clientId });
    return await qb.getMany();
  }
}
