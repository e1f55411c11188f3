/** The only place that touches contract rows; scoped to the caller's client by the base class. */
import type { EntityManager } from 'typeorm';
import { ClientScopedRepository, type TenantScope } from '@azukari/db';
import { ContractEntity } from './contract.entity';

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
}
