/** The only place that touches custodianships; scoped to the caller's client by the base class. */
import type { EntityManager } from 'typeorm';
import { ClientScopedRepository, type TenantScope } from '@azukari/db';
import { CustodianshipEntity } from './custodianship.entity';

export class CustodianshipRepository extends ClientScopedRepository<CustodianshipEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, CustodianshipEntity);
  }

  /** The current custodianships of these assets, in one statement; others' assets are absent. */
  async currentOf(assetIds: readonly string[]): Promise<CustodianshipEntity[]> {
    return await this.findIn('currentAssetId', assetIds);
  }

  /** The current custodianship of one asset, locked until the transaction ends. */
  async currentForUpdate(assetId: string): Promise<CustodianshipEntity | null> {
    return await this.manager.findOne(CustodianshipEntity, {
      where: this.scoped({ currentAssetId: assetId }),
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** When the first custodianship of the asset that began after `at` began: where an older one ends. */
  async nextStartAfter(assetId: string, at: Date): Promise<Date | null> {
    const next = await this.query('c')
      .andWhere('c.assetId = :assetId AND c.since > :at', { assetId, at })
      .orderBy('c.since', 'ASC')
      .limit(1)
      .getOne();
    return next?.since ?? null;
  }

  async end(row: CustodianshipEntity, at: Date): Promise<void> {
    this.mustBeWritable(row);
    // The id and client are set too (unchanged): the audit hook records an update by the row it names.
    await this.manager.update(CustodianshipEntity, { id: row.id }, { id: row.id, clientId: row.clientId, until: at, currentAssetId: null });
    row.until = at;
    row.currentAssetId = null;
  }
}
