/**
 * The seam between a report and the feature that owns its subject: some reports ask for the
 * client's answer (a change of safety measures may be challenged, 5.3; a re-entrustment proposal is
 * consented to or refused, 6.1). The client answers through the API or through the signed link in
 * the report's email; either way the answer reaches the owning feature through one handler, so that
 * an answer by link is recorded exactly as one made through the API.
 */
import type { EntityManager } from 'typeorm';
import type { Principal } from '@azukari/common';
import type { ContractsDeps } from '../deps';

/** ACKNOWLEDGE and COMMENT fit every report; the others only where a handler offers them. */
export type ReportAnswerKind = 'ACKNOWLEDGE' | 'COMMENT' | 'CHALLENGE' | 'CONSENT' | 'REFUSE' | 'INSTRUCT';

/** Who answered: a token through the API, or the holder of a report email's signed link. */
export type ReportAnswerer = { via: 'API'; principal: Principal } | { via: 'EMAIL_LINK'; address: string };

export interface AnsweredReport {
  id: string;
  clientId: string;
  kind: string;
  article: string;
  subject: { type: string; id: string };
  contractIds: string[];
}

export interface ReportAnswerContext {
  /** The answer's transaction: the handler's writes commit or roll back with the answer's record. */
  manager: EntityManager;
  report: AnsweredReport;
  answerer: ReportAnswerer;
  comment: string | null;
  at: Date;
}

/** A feature's answers to the reports of one kind: what it offers beyond ACKNOWLEDGE and COMMENT, and what each does. */
export interface ReportAnswerHandler {
  reportKind: string;
  answers: readonly Exclude<ReportAnswerKind, 'ACKNOWLEDGE' | 'COMMENT'>[];
  /** Throws DomainError (e.g. CONFLICT when already decided) to refuse; nothing is then written. */
  handle(deps: ContractsDeps, answer: ReportAnswerKind, ctx: ReportAnswerContext): Promise<void>;
}

export const defineReportAnswers = (handler: ReportAnswerHandler): ReportAnswerHandler => handler;
