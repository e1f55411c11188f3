/**
 * The only place that touches employee rows. Employees are operator rows without a client id:
 * staff see every one; a partner sees only the employees that are the current custodian of one
 * of its own client's assets (the only way Azukari shows a partner an employee), and no other.
 */
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { TenantScope } from '@azukari/db';
import { CustodianshipEntity } from '../custodianship/custodianship.entity';
import { EmployeeEntity } from './employee.entity';

export class EmployeeRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly scope: TenantScope,
  ) {}

  /** A query builder already narrowed to what the caller may see. */
  private query(alias: string): SelectQueryBuilder<EmployeeEntity> {
    const qb = this.manager.createQueryBuilder(EmployeeEntity, alias);
    if (this.scope.kind === 'client') {
      const custodianOfOwn = qb
        .subQuery()
        .select('1')
        .from(CustodianshipEntity, 'scope_c')
        .where(`scope_c.employeeId = ${alias}.id`)
        .andWhere('scope_c.clientId = :tenantClientId')
        .andWhere('scope_c.currentAssetId IS NOT NULL')
        .getQuery();
      qb.andWhere(`EXISTS ${custodianOfOwn}`, { tenantClientId: this.scope.clientId });
    }
    return qb;
  }

  /** One statement for any number of ids; employees the caller may not see are simply absent. */
  async findByIds(ids: readonly string[]): Promise<EmployeeEntity[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    return await this.query('e').andWhere('e.id IN (:...ids)', { ids: wanted }).getMany();
  }

  async findById(id: string): Promise<EmployeeEntity | null> {
    return (await this.findByIds([id]))[0] ?? null;
  }

  async page(afterId: string | null, limit: number): Promise<EmployeeEntity[]> {
    const qb = this.query('e').orderBy('e.id', 'ASC').limit(limit);
    if (afterId) qb.andWhere('e.id > :afterId', { afterId });
    return await qb.getMany();
  }

  async existsByEmail(email: string): Promise<boolean> {
    return await this.manager.existsBy(EmployeeEntity, { email });
  }

  async insert(row: EmployeeEntity): Promise<void> {
    // Employees are the operator's: a partner scope never writes one.
    if (this.scope.kind !== 'operator') throw new Error('tenant scope violated');
    await this.manager.insert(EmployeeEntity, row);
  }
}
