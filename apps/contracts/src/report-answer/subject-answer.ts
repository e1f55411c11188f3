/**
 * A client's answer given through a feature's own mutation (deciding a re-entrustment, consenting
 * to its subcontractor directly, instructing a subcontractor, challenging the measures by a report)
 * is also the answer to the report that asked for it. It is recorded on that report as the answer
 * mutation records one, so that no report shows an answer still awaited after the client gave it.
 * Answers through the report itself (`answerClientReport`, the email's link) are recorded by
 * ReportAnswerService and never come here.
 */
import type { EntityManager } from 'typeorm';
import { newId } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import { ClientReportRepository } from '../client-report/client-report.repository';
import type { ReportAnswerKind, ReportAnswerer } from '../client-report/report-answer';
import type { ClientReportAnswerEntity } from './report-answer.entity';
import { ClientReportAnswerRepository } from './report-answer.repository';

export interface SubjectAnswer {
  /** The report's subject and kind, e.g. `{ type: 'ReEntrustment', id }` and `re-entrustment.proposed`. */
  subject: { type: string; id: string };
  kind: string;
  answer: Exclude<ReportAnswerKind, 'ACKNOWLEDGE' | 'COMMENT'>;
  answerer: ReportAnswerer;
  comment: string | null;
  at: Date;
}

/** Records `a` on every report of its subject and kind still awaiting its answer, in `manager`'s transaction. */
export const recordAnswerOnSubjectReports = async (manager: EntityManager, scope: TenantScope, a: SubjectAnswer): Promise<number> => {
  const reports = new ClientReportRepository(manager, scope);
  const answers = new ClientReportAnswerRepository(manager, scope);
  const awaiting = await reports.awaitingAnswerAbout(a.subject, a.kind);
  for (const report of awaiting) {
    const row: ClientReportAnswerEntity = {
      id: newId(),
      reportId: report.id,
      clientId: report.clientId,
      answer: a.answer,
      comment: a.comment,
      via: a.answerer.via,
      tokenId: a.answerer.via === 'API' ? a.answerer.principal.tokenId : null,
      recipient: a.answerer.via === 'EMAIL_LINK' ? a.answerer.address : null,
      at: a.at,
    };
    await answers.insert(row);
    report.acknowledgedAt ??= a.at;
    report.answer = a.answer;
    report.answeredAt = a.at;
    report.updatedAt = a.at;
    await reports.update(report, ['acknowledgedAt', 'answer', 'answeredAt', 'updatedAt']);
  }
  return awaiting.length;
};
