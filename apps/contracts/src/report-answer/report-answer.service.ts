/**
 * Answers to reports (Art 5.3, 6.1, 13.6 where a kind asks for one; every report may be
 * acknowledged and commented on): one way to record an answer, whether it came through the API with
 * a `reports:ack` token or through a report email's signed link, so the two are recorded alike.
 *
 * - An answer the report's kind does not offer is ANSWER_NOT_OFFERED, and nothing is written.
 * - An answer its kind offers (CHALLENGE, CONSENT, REFUSE...) goes to the kind's handler in
 *   REPORT_ANSWERS, in the answer's own transaction: a handler's refusal writes nothing at all.
 * - ACKNOWLEDGE, and any offered answer, acknowledges the report (acknowledgedAt, once). A report
 *   acknowledged already is acknowledged again idempotently: the first acknowledgement is the
 *   answer, nothing new is written; a comment sent with it is kept as a COMMENT, so no words are lost.
 * - A link answers once: its use is a row keyed by the link's id, inserted in the answer's
 *   transaction, so of two uses at once the second is LINK_USED and records nothing.
 */
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, cleanText, isPartner, newId, type Principal } from '@azukari/common';
import { OPERATOR_SCOPE, isDuplicateKey, type TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import { ClientRepository } from '../client/client.repository';
import type { ClientReportEntity } from '../client-report/client-report.entity';
import { ClientReportRepository } from '../client-report/client-report.repository';
import { ClientReportDeliveryRepository } from '../client-report/client-report-delivery.repository';
import type { AnsweredReport, ReportAnswerKind, ReportAnswerer } from '../client-report/report-answer';
import { answersOffered, decisionsOf, handlerOf } from './answers-offered';
import { ClientReportAnswerEntity } from './report-answer.entity';
import { ClientReportAnswerRepository, ReportLinkUseRepository } from './report-answer.repository';
import { verifyReportLink, type ReportLinkClaims } from './report-link';

/** The longest comment, in code points. */
export const MAX_COMMENT = 2_000;

export interface AnswerRequest {
  reportId: string;
  answer: ReportAnswerKind;
  comment: string | null;
  answerer: ReportAnswerer;
}

const answeredReport = (report: ClientReportEntity): AnsweredReport => ({
  id: report.id,
  clientId: report.clientId,
  kind: report.kind,
  article: report.article,
  subject: { type: report.subjectType, id: report.subjectId },
  contractIds: JSON.parse(report.contractIds) as string[],
});

const linkUsed = () =>
  new DomainError(ErrorCode.LINK_USED, 'This link was used already: each link answers once. Answer through the API to add more.');

export class ReportAnswerService {
  constructor(private readonly deps: ContractsDeps) {}

  /** Records one answer through the API, as the principal, within its scope. */
  async answerByApi(
    scope: TenantScope,
    principal: Principal,
    input: { reportId: string; answer: ReportAnswerKind; comment: string | null },
  ): Promise<ClientReportAnswerEntity> {
    if (!isPartner(principal)) throw new DomainError(ErrorCode.FORBIDDEN, "Only the client's own partner token answers its reports.");
    return await this.deps.dataSource.transaction(
      async (manager) => await this.record(manager, scope, { ...input, answerer: { via: 'API', principal } }),
    );
  }

  /** What a report email's link shows: refused when invalid, expired or used; it uses nothing up. */
  async viewByLink(token: string) {
    const manager = this.deps.dataSource.manager;
    const { claims, report } = await this.linked(manager, token);
    if (await new ReportLinkUseRepository(manager, OPERATOR_SCOPE).findById(claims.linkId)) throw linkUsed();
    const client = (await new ClientRepository(manager, OPERATOR_SCOPE).findById(report.clientId))!;
    const body = JSON.parse(report.body) as { data?: Record<string, string | number | boolean | null | (string | number)[]> };
    return {
      reportId: report.id,
      kind: report.kind,
      article: report.article,
      subject: { type: report.subjectType, id: report.subjectId },
      contractIds: JSON.parse(report.contractIds) as string[],
      dueAt: report.dueAt.toISOString(),
      deliveredAt: report.deliveredAt?.toISOString() ?? null,
      facts: body.data ?? {},
      clientName: client.name,
      language: client.language,
      recipient: claims.recipient,
      expiresAt: claims.expiresAt.toISOString(),
      answers: answersOffered(this.deps.reportAnswers, report.kind),
      acknowledgedAt: report.acknowledgedAt?.toISOString() ?? null,
    };
  }

  /** Records the answer given on a link's page, as its recipient, and uses the link up: all in one transaction. */
  async submitByLink(token: string, answer: string, comment: string | null) {
    return await this.deps.dataSource.transaction(async (manager) => {
      const { claims, report } = await this.linked(manager, token);
      const uses = new ReportLinkUseRepository(manager, OPERATOR_SCOPE);
      if (await uses.findById(claims.linkId)) throw linkUsed();
      // record() refuses an answer the kind does not offer, before anything is written.
      const row = await this.record(manager, OPERATOR_SCOPE, {
        reportId: report.id,
        answer: answer as ReportAnswerKind,
        comment,
        answerer: { via: 'EMAIL_LINK', address: claims.recipient },
      });
      // A use racing this one inserted first: this answer is undone with the transaction.
      await uses
        .insert({ id: claims.linkId, reportId: report.id, clientId: report.clientId, answerId: row.id, usedAt: this.deps.clock.now() })
        .catch((error: unknown) => {
          throw isDuplicateKey(error) ? linkUsed() : error;
        });
      const client = (await new ClientRepository(manager, OPERATOR_SCOPE).findById(report.clientId))!;
      return {
        answerId: row.id,
        reportId: report.id,
        answer: row.answer,
        at: row.at.toISOString(),
        language: client.language,
        clientName: client.name,
      };
    });
  }

  /** The link's claims and its report; LINK_INVALID unless the delivery it names went to its recipient with its report. */
  private async linked(manager: EntityManager, token: string): Promise<{ claims: ReportLinkClaims; report: ClientReportEntity }> {
    const claims = await verifyReportLink(this.deps.config.reportLinkKey, token, this.deps.clock.now());
    const delivery = await new ClientReportDeliveryRepository(manager, OPERATOR_SCOPE).findById(claims.linkId);
    const report = await new ClientReportRepository(manager, OPERATOR_SCOPE).findById(claims.reportId);
    if (!delivery || !report || delivery.reportId !== report.id || delivery.channel !== 'EMAIL' || delivery.target !== claims.recipient) {
      throw new DomainError(ErrorCode.LINK_INVALID, 'This link is not valid: use the link exactly as the report email gave it.');
    }
    return { claims, report };
  }

  private notOffered(kind: string, offered: readonly string[]): DomainError {
    return new DomainError(ErrorCode.ANSWER_NOT_OFFERED, `A report of kind ${kind} offers only ${offered.join(', ')}.`, {
      fields: ['answer'],
    });
  }

  /** The one way an answer is recorded, in `manager`'s transaction. */
  async record(manager: EntityManager, scope: TenantScope, request: AnswerRequest): Promise<ClientReportAnswerEntity> {
    const reports = new ClientReportRepository(manager, scope);
    const report = await reports.lockById(request.reportId);
    if (!report) throw new DomainError(ErrorCode.NOT_FOUND, `No client report ${request.reportId}.`);
    const offered = answersOffered(this.deps.reportAnswers, report.kind);
    if (!offered.includes(request.answer)) throw this.notOffered(report.kind, offered);
    const comment = request.comment?.trim() ? cleanText('A comment', request.comment, MAX_COMMENT) : null;
    let answer = request.answer;
    if (answer === 'COMMENT' && !comment) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A comment needs its words.', { fields: ['comment'] });
    }
    const answers = new ClientReportAnswerRepository(manager, scope);
    if (answer === 'ACKNOWLEDGE' && report.acknowledgedAt) {
      const first = await answers.acknowledgement(report.id);
      if (!comment && first) return first;
      answer = 'COMMENT';
    }
    const now = this.deps.clock.now();
    const decision = decisionsOf(this.deps.reportAnswers, report.kind).includes(answer);
    if (decision) {
      await handlerOf(this.deps.reportAnswers, report.kind)!.handle(this.deps, answer, {
        manager,
        report: answeredReport(report),
        answerer: request.answerer,
        comment,
        at: now,
      });
    }
    const row: ClientReportAnswerEntity = {
      id: newId(),
      reportId: report.id,
      clientId: report.clientId,
      answer,
      comment,
      via: request.answerer.via,
      tokenId: request.answerer.via === 'API' ? request.answerer.principal.tokenId : null,
      recipient: request.answerer.via === 'EMAIL_LINK' ? request.answerer.address : null,
      at: now,
    };
    await answers.insert(row);
    if (answer !== 'COMMENT' || decision) {
      report.acknowledgedAt ??= now;
      if (decision) {
        report.answer = answer;
        report.answeredAt = now;
      }
      report.updatedAt = now;
      await reports.update(report, ['acknowledgedAt', 'answer', 'answeredAt', 'updatedAt']);
    }
    return row;
  }
}
