/** Which answers a report of a kind offers: ACKNOWLEDGE and COMMENT always, and what its handler adds. */
import type { ReportAnswerHandler, ReportAnswerKind } from '../client-report/report-answer';

export const EVERY_REPORT_ANSWERS: readonly ReportAnswerKind[] = ['ACKNOWLEDGE', 'COMMENT'];

export const handlerOf = (handlers: readonly ReportAnswerHandler[], kind: string): ReportAnswerHandler | null =>
  handlers.find((h) => h.reportKind === kind) ?? null;

/** The answers beyond ACKNOWLEDGE and COMMENT that a report of `kind` asks for; empty when it asks for none. */
export const decisionsOf = (handlers: readonly ReportAnswerHandler[], kind: string): readonly ReportAnswerKind[] =>
  handlerOf(handlers, kind)?.answers ?? [];

export const answersOffered = (handlers: readonly ReportAnswerHandler[], kind: string): ReportAnswerKind[] => [
  ...EVERY_REPORT_ANSWERS,
  ...decisionsOf(handlers, kind),
];
