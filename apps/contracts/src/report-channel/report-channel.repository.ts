/** The only place that touches report channel choices; scoped to the caller's client. */
import type { EntityManager } from 'typeorm';
import { ClientScopedRepository, type TenantScope } from '@azukari/db';
import { ReportChannelChoiceEntity } from './report-channel.entity';

export class ReportChannelRepository extends ClientScopedRepository<ReportChannelChoiceEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, ReportChannelChoiceEntity);
  }

  /** A client names at most a few dozen kinds: all of them, in kind order. */
  async ofClient(clientId: string): Promise<ReportChannelChoiceEntity[]> {
    return await this.query('c').andWhere('c.clientId = :clientId', { clientId }).orderBy('c.kind', 'ASC').limit(500).getMany();
  }

  /** The choice for `kind` and the default (`*`), locked when `lock`. */
  async forKind(clientId: string, kind: string, lock = false): Promise<ReportChannelChoiceEntity[]> {
    const qb = this.query('c').andWhere('c.clientId = :clientId AND c.kind IN (:...kinds)', { clientId, kinds: [kind, '*'] });
    if (lock) qb.setLock('pessimistic_write');
    return await qb.getMany();
  }
}
