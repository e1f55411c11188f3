/**
 * The only place that touches subcontractor rows. They are operator data, so the scope is applied
 * here by hand: a client sees a subcontractor only through a re-entrustment of its own (proposed,
 * consented, refused, withdrawn or ended: every one was proposed for its contracts), and any other
 * reads as a missing one.
 */
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { TenantScope } from '@azukari/db';
import { ReEntrustmentEntity } from '../re-entrustment/re-entrustment.entity';
import { SubcontractorEntity } from './subcontractor.entity';

export class SubcontractorRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly scope: TenantScope,
  ) {}

  private query(): SelectQueryBuilder<SubcontractorEntity> {
    const qb = this.manager.createQueryBuilder(SubcontractorEntity, 's');
    if (this.scope.kind === 'client') {
      qb.andWhere(
        (sub) =>
          `EXISTS ${sub
            .subQuery()
            .select('1')
            .from(ReEntrustmentEntity, 'r')
            .where('r.clientId = :tenantClientId')
            .andWhere('r.subcontractorId = s.id')
            .getQuery()}`,
        { tenantClientId: this.scope.clientId },
      );
    }
    return qb;
  }

  async findById(id: string): Promise<SubcontractorEntity | null> {
    return await this.query().andWhere('s.id = :id', { id }).getOne();
  }

  async findByIds(ids: readonly string[]): Promise<SubcontractorEntity[]> {
    if (ids.length === 0) return [];
    return await this.query()
      .andWhere('s.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getMany();
  }

  async page(afterId: string | null, limit: number): Promise<SubcontractorEntity[]> {
    const qb = this.query().orderBy('s.id', 'ASC').limit(limit);
    if (afterId) qb.andWhere('s.id > :afterId', { afterId });
    return await qb.getMany();
  }

  /** The row, locked for the rest of the transaction (operator writes only). */
  async lockById(id: string): Promise<SubcontractorEntity | null> {
    return await this.query().andWhere('s.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async insert(row: SubcontractorEntity): Promise<void> {
    this.mustBeOperator();
    await this.manager.insert(SubcontractorEntity, row);
  }

  async save(row: SubcontractorEntity): Promise<void> {
    this.mustBeOperator();
    await this.manager.save(SubcontractorEntity, row);
  }

  /** The register is the operator's: a client's scope writing it is a defect, never a caller's mistake. */
  private mustBeOperator(): void {
    if (this.scope.kind !== 'operator') throw new Error('tenant scope violated: subcontractors are operator data');
  }
}
