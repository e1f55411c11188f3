/** The only place that touches written consents; scoped to the caller's client. */
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { ClientScopedRepository, type TenantScope } from '@azukari/db';
import type { ConsentKind } from '@azukari/routes';
import { WrittenConsentEntity } from './written-consent.entity';
import type { ConsentState } from './written-consent.type';

export interface ConsentFilter {
  contractId?: string | null;
  kind?: ConsentKind | null;
  state?: ConsentState | null;
}

export class WrittenConsentRepository extends ClientScopedRepository<WrittenConsentEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, WrittenConsentEntity);
  }

  /** `state` judged at `now`, as consentState does. */
  private filtered(filter: ConsentFilter, now: Date): SelectQueryBuilder<WrittenConsentEntity> {
    const qb = this.query('w');
    if (filter.contractId) qb.andWhere('w.contractId = :contractId', { contractId: filter.contractId });
    if (filter.kind) qb.andWhere('w.kind = :kind', { kind: filter.kind });
    if (filter.state === 'REVOKED') qb.andWhere('w.revokedAt IS NOT NULL');
    if (filter.state === 'EXPIRED') qb.andWhere('w.revokedAt IS NULL AND w.expiresAt <= :now', { now });
    if (filter.state === 'CURRENT') qb.andWhere('w.revokedAt IS NULL AND (w.expiresAt IS NULL OR w.expiresAt > :now)', { now });
    return qb;
  }

  async page(filter: ConsentFilter, now: Date, afterId: string | null, limit: number): Promise<WrittenConsentEntity[]> {
    const qb = this.filtered(filter, now).orderBy('w.id', 'ASC').limit(limit);
    if (afterId) qb.andWhere('w.id > :afterId', { afterId });
    return await qb.getMany();
  }

  /** Every consent of these contracts, oldest first (a contract has a handful). */
  async ofContracts(contractIds: readonly string[]): Promise<WrittenConsentEntity[]> {
    return (await this.findIn('contractId', contractIds)).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The row, locked for the rest of the transaction: two revocations take turns. */
  async lockById(id: string): Promise<WrittenConsentEntity | null> {
    return await this.query('w').andWhere('w.id = :id', { id }).setLock('pessimistic_write').getOne();
  }
}
