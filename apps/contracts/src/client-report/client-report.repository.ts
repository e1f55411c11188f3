/** The only place that touches client reports; scoped to the caller's client. */
import type { EntityManager } from 'typeorm';
import { ClientScopedRepository, type TenantScope } from '@azukari/db';
import { ClientReportEntity } from './client-report.entity';

/** What the client has done with a report: acknowledged it, not yet, or still owes the answer its kind asks for. */
export type ClientReportState = 'ACKNOWLEDGED' | 'UNACKNOWLEDGED' | 'ANSWER_AWAITED';

export interface ClientReportFilter {
  clientId: string | null;
  delivered: boolean | null;
  overdue: boolean | null;
  article?: string | null;
  state?: ClientReportState | null;
  /** Only reports whose kind asks for the client's answer. */
  asksAnswer?: boolean | null;
  /** true: only those given an answer their kind offers. */
  answered?: boolean | null;
  subjectId?: string | null;
  /** The moment "overdue" is judged at. */
  now: Date;
}

export class ClientReportRepository extends ClientScopedRepository<ClientReportEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, ClientReportEntity);
  }

  /** The reports about `subject` of `kind` that ask for an answer not given yet, locked. */
  async awaitingAnswerAbout(subject: { type: string; id: string }, kind: string): Promise<ClientReportEntity[]> {
    return await this.query('r')
      .andWhere('r.subjectId = :id AND r.subjectType = :type AND r.kind = :kind AND r.asksAnswer = 1 AND r.answer IS NULL', {
        ...subject,
        kind,
      })
      .setLock('pessimistic_write')
      .getMany();
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
    if (filter.article) qb.andWhere('r.article = :article', { article: filter.article });
    if (filter.subjectId) qb.andWhere('r.subjectId = :subjectId', { subjectId: filter.subjectId });
    if (filter.asksAnswer === true) qb.andWhere('r.asksAnswer = 1');
    if (filter.asksAnswer === false) qb.andWhere('r.asksAnswer = 0');
    if (filter.answered === true) qb.andWhere('r.answeredAt IS NOT NULL');
    if (filter.state === 'ACKNOWLEDGED') qb.andWhere('r.acknowledgedAt IS NOT NULL');
    if (filter.state === 'UNACKNOWLEDGED') qb.andWhere('r.acknowledgedAt IS NULL');
    if (filter.state === 'ANSWER_AWAITED') qb.andWhere('r.asksAnswer = 1 AND r.answeredAt IS NULL');
    if (afterId) qb.andWhere('r.id > :afterId', { afterId });
    return await qb.getMany();
  }

  /** The report, locked for the rest of the transaction: two answers to one report take turns. */
  async lockById(id: string): Promise<ClientReportEntity | null> {
    return await this.query('r').andWhere('r.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** Per client (within the scope), how many reports are unacknowledged and how many still await an answer. */
  async openCounts(clientId: string | null): Promise<{ clientId: string; unacknowledged: number; answerAwaited: number }[]> {
    const qb = this.query('r')
      .select('r.clientId', 'clientId')
      .addSelect('SUM(CASE WHEN r.acknowledgedAt IS NULL THEN 1 ELSE 0 END)', 'unacknowledged')
      .addSelect('SUM(CASE WHEN r.asksAnswer = 1 AND r.answeredAt IS NULL THEN 1 ELSE 0 END)', 'answerAwaited')
      .andWhere('(r.acknowledgedAt IS NULL OR (r.asksAnswer = 1 AND r.answeredAt IS NULL))')
      .groupBy('r.clientId')
      .orderBy('r.clientId', 'ASC')
      .limit(1000);
    if (clientId) qb.andWhere('r.clientId = :clientId', { clientId });
    const rows = await qb.getRawMany<{ clientId: string; unacknowledged: string | number; answerAwaited: string | number }>();
    return rows.map((r) => ({ clientId: r.clientId, unacknowledged: Number(r.unacknowledged), answerAwaited: Number(r.answerAwaited) }));
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
