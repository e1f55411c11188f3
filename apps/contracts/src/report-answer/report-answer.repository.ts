/** The only place that touches report answers and used links; scoped to the caller's client. */
import type { EntityManager } from 'typeorm';
import { ClientScopedRepository, type TenantScope } from '@azukari/db';
import { ClientReportAnswerEntity, ReportLinkUseEntity } from './report-answer.entity';

export class ClientReportAnswerRepository extends ClientScopedRepository<ClientReportAnswerEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, ClientReportAnswerEntity);
  }

  /** Every answer to these reports, oldest first. */
  async ofReports(reportIds: readonly string[]): Promise<ClientReportAnswerEntity[]> {
    const rows = await this.findIn('reportId', reportIds);
    return rows.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The answer that acknowledged the report: its first that was not a comment. */
  async acknowledgement(reportId: string): Promise<ClientReportAnswerEntity | null> {
    return await this.query('a')
      .andWhere('a.reportId = :reportId AND a.answer <> :comment', { reportId, comment: 'COMMENT' })
      .orderBy('a.id', 'ASC')
      .limit(1)
      .getOne();
  }
}

export class ReportLinkUseRepository extends ClientScopedRepository<ReportLinkUseEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, ReportLinkUseEntity);
  }
}
