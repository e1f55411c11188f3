/** The only place that touches challenges of the safety measures and their messages; scoped to the caller's client. */
import { In, type EntityManager } from 'typeorm';
import { ClientScopedRepository, type TenantScope } from '@azukari/db';
import { SafetyMeasureChallengeEntity, SafetyMeasureChallengeMessageEntity, type ChallengeStatus } from './measure-challenge.entity';

export interface ChallengeFilter {
  clientId: string | null;
  status: ChallengeStatus | null;
  measureId: string | null;
}

export class MeasureChallengeRepository extends ClientScopedRepository<SafetyMeasureChallengeEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, SafetyMeasureChallengeEntity);
  }

  async page(filter: ChallengeFilter, afterId: string | null, limit: number): Promise<SafetyMeasureChallengeEntity[]> {
    const qb = this.query('t').orderBy('t.id', 'ASC').limit(limit);
    if (filter.clientId) qb.andWhere('t.clientId = :clientId', { clientId: filter.clientId });
    if (filter.status) qb.andWhere('t.status = :status', { status: filter.status });
    if (filter.measureId) qb.andWhere('t.measureId = :measureId', { measureId: filter.measureId });
    if (afterId) qb.andWhere('t.id > :afterId', { afterId });
    return await qb.getMany();
  }

  /** The row, locked for the rest of the transaction: a message and the closing take turns. */
  async lockById(id: string): Promise<SafetyMeasureChallengeEntity | null> {
    return await this.query('t').andWhere('t.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** The client's open thread on this measure (or on the whole), locked. */
  async lockOpen(clientId: string, openKey: string): Promise<SafetyMeasureChallengeEntity | null> {
    return await this.query('t')
      .andWhere('t.clientId = :clientId AND t.openKey = :openKey', { clientId, openKey })
      .setLock('pessimistic_write')
      .getOne();
  }
}

export class MeasureChallengeMessageRepository extends ClientScopedRepository<SafetyMeasureChallengeMessageEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, SafetyMeasureChallengeMessageEntity);
  }

  /** The messages of these threads the caller may see, oldest first. */
  async ofChallenges(challengeIds: readonly string[]): Promise<SafetyMeasureChallengeMessageEntity[]> {
    if (challengeIds.length === 0) return [];
    return await this.manager.find(SafetyMeasureChallengeMessageEntity, {
      where: this.scoped({ challengeId: In([...new Set(challengeIds)]) }),
      order: { challengeId: 'ASC', id: 'ASC' },
    });
  }
}
