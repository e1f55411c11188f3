/**
 * The client's answers by the report email's signed link (or the API's answer to a report), for
 * the two kinds of report this feature sends:
 * - `re-entrustment.proposed` (Art 6.1): CONSENT or REFUSE, recorded exactly as a decision through
 *   the API. An answer by link is a written answer in electronic form: its digest is the SHA-256 of
 *   the answer's own record (report, re-entrustment, answer, address, time, comment), and the
 *   address the link was sent to stands as who signed.
 * - `subcontractor.compliance-reported` (Art 13.6): INSTRUCT, the comment being the instructions.
 */
import { createHash } from 'node:crypto';
import { DomainError, ErrorCode } from '@azukari/common';
import { defineReportAnswers, type ReportAnswerContext, type ReportAnswerer } from '../client-report/report-answer';
import { ReEntrustmentService, RE_ENTRUSTMENT_PROPOSED } from './re-entrustment.service';
import { SubcontractorReportService, SUBCONTRACTOR_COMPLIANCE_REPORTED } from './subcontractor-report.service';

const clientScope = (ctx: ReportAnswerContext) => ({ kind: 'client', clientId: ctx.report.clientId }) as const;

const who = (answerer: ReportAnswerer): string => (answerer.via === 'EMAIL_LINK' ? answerer.address : answerer.principal.tokenId);

/** The digest of an answer given without a document of its own: the answer's record, in a fixed order. */
export const answerDigest = (ctx: ReportAnswerContext, answer: string): string =>
  createHash('sha256')
    .update(
      JSON.stringify({
        reportId: ctx.report.id,
        subject: ctx.report.subject,
        answer,
        by: who(ctx.answerer),
        via: ctx.answerer.via,
        at: ctx.at.toISOString(),
        comment: ctx.comment,
      }),
    )
    .digest('hex');

const mustBeAbout = (ctx: ReportAnswerContext, type: string): string => {
  if (ctx.report.subject.type !== type) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `Report ${ctx.report.id} is not about a ${type}.`);
  }
  return ctx.report.subject.id;
};

export const reEntrustmentAnswers = defineReportAnswers({
  reportKind: RE_ENTRUSTMENT_PROPOSED,
  answers: ['CONSENT', 'REFUSE'],
  async handle(deps, answer, ctx) {
    if (answer !== 'CONSENT' && answer !== 'REFUSE') return;
    const id = mustBeAbout(ctx, 'ReEntrustment');
    await new ReEntrustmentService(deps, clientScope(ctx)).recordClientDecision(ctx.manager, id, answer, ctx.answerer, {
      documentSha256: answerDigest(ctx, answer),
      signedBy: who(ctx.answerer),
      comment: ctx.comment,
    });
  },
});

export const subcontractorReportAnswers = defineReportAnswers({
  reportKind: SUBCONTRACTOR_COMPLIANCE_REPORTED,
  answers: ['INSTRUCT'],
  async handle(deps, answer, ctx) {
    if (answer !== 'INSTRUCT') return;
    const id = mustBeAbout(ctx, 'SubcontractorComplianceReport');
    if (!ctx.comment?.trim()) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Write the instructions for the subcontractor in the comment.', {
        fields: ['comment'],
      });
    }
    await new SubcontractorReportService(deps, clientScope(ctx)).instruct(ctx.manager, id, ctx.comment, ctx.answerer);
  },
});
