/** The only place that touches data asset rows; scoped to the caller's client by the base class. */
import type { EntityManager } from 'typeorm';
import { ClientScopedRepository, forceIndex, type TenantScope } from '@azukari/db';
import { DataAssetEntity, type DataAssetStatus } from './data-asset.entity';

export class DataAssetRepository extends ClientScopedRepository<DataAssetEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, DataAssetEntity);
  }

  /**
   * One contract's assets (in one status, if given) after `afterId`, in id (creation) order: a
   * keyset page, read along IDX_data_asset_contract or IDX_data_asset_contract_status, as fast at
   * the millionth asset as at the first (docs/BENCHMARKS.md).
   */
  async page(contractId: string, status: DataAssetStatus | null, afterId: string | null, limit: number): Promise<DataAssetEntity[]> {
    const qb = this.query('a').andWhere('a.contractId = :contractId', { contractId }).orderBy('a.id', 'ASC').limit(limit);
    if (status) qb.andWhere('a.status = :status', { status });
    if (afterId) qb.andWhere('a.id > :afterId', { afterId });
    // Left to itself MariaDB reads a status page by id order through the whole contract, and a deep
    // page from the contract's first entry on: each page is a range of its index instead.
    return await forceIndex(qb, status ? 'IDX_data_asset_contract_status' : 'IDX_data_asset_contract').getMany();
  }

  /**
   * The first `limit` assets after `afterId` of each of many contracts, in ONE statement however
   * many contracts there are: the rows are numbered per contract (ROW_NUMBER, which MariaDB 10.2+
   * and MySQL 8 both have) and only the first `limit` of each are read.
   */
  async pagesByContract(contractIds: readonly string[], afterId: string | null, limit: number): Promise<DataAssetEntity[]> {
    if (contractIds.length === 0) return [];
    const numbered = this.query('n')
      .select('n.id', 'id')
      .addSelect('ROW_NUMBER() OVER (PARTITION BY n.contractId ORDER BY n.id)', 'rn')
      .andWhere('n.contractId IN (:...contractIds)', { contractIds: [...new Set(contractIds)] });
    if (afterId) numbered.andWhere('n.id > :afterId', { afterId });
    return await this.query('a')
      .innerJoin(`(${numbered.getQuery()})`, 'w', 'w.id = a.id AND w.rn <= :limit', { limit })
      .setParameters(numbered.getParameters())
      .orderBy('a.contractId', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }
}
