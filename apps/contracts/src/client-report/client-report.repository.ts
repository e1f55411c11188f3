/** The only place that touches client reports; scoped to the caller's client. */
import type { EntityManager } from 'typeorm';
import { ClientScopedRepository, type TenantScope } from '@azukari/db';
import { ClientReportEntity } from './client-report.entity';

export interface ClientReportFilter {
  clientId: string | null;
  delivered: boolean | null;
  overdue: boolean | null;
  /** The moment "overdue" is judged at. */
  now: Date;
}

export class ClientReportRepository extends ClientScopedRepository<ClientReportEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, ClientReportEntity);
  }

  async page(filter: ClientReportFilter, afterId: string | null, limit: number): Promise<ClientReportEntity[]> {
    const qb = this.query('r').orderBy('r.id', 'ASC').limit(limit);
    if (filter.clientId) qb.andWhere('r.clientId = :clientId', { clientId: filter.clientId });
    if (filter.delivered === true) qb.andWhere('r.deliveredAt IS NOT NULL');
    if (filter.delivered === false) qb.andWhere('r.deliveredAt IS NULL');
    // The same rule as isOverdue, in SQL: late delivery, or none and past due. Never NULL (a bare
    // `deliveredAt > dueAt` is NULL when undelivered, and NOT NULL would drop the row from overdue: false).
    const overdue = '((r.deliveredAt IS NOT NULL AND r.deliveredAt > r.dueAt) OR (r.deliveredAt IS NULL AND r.dueAt < :now))';
    if (filter.overdue === true) qb.andWhere(overdue, { now: filter.now });
    if (filter.overdue === false) qb.andWhere(`NOT ${overdue}`, { now: filter.now });
    if (afterId) qb.andWhere('r.id > :afterId', { afterId });
    return await qb.getMany();
  }

  /** Undelivered past `at` and not yet escalated, oldest due first, at most `limit`, locked. */
  async overdueUnescalated(at: Date, limit: number): Promise<ClientReportEntity[]> {
    return await this.query('r')
      .andWhere('r.deliveredAt IS NULL AND r.escalatedAt IS NULL AND r.dueAt < :at', { at })
      .orderBy('r.dueAt', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .getMany();
  }
}
