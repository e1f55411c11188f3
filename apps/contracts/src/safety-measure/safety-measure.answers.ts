/**
 * The answers a client may give to a safety-measures.changed report (Art 5.2) beyond ACKNOWLEDGE and
 * COMMENT: CHALLENGE, the measures judged insufficient (Art 5.3). Through the API or a report email's
 * signed link alike, it opens the same thread as `challengeSafetyMeasures` (or joins the client's open
 * one on the measure), with the answer's comment as its message, in the answer's transaction.
 */
import { defineReportAnswers } from '../client-report/report-answer';
import { authorOf, MeasureChallengeService, type ChallengeAuthor } from '../measure-challenge/measure-challenge.service';
import type { ReportAnswerer } from '../client-report/report-answer';
import { SAFETY_MEASURES_CHANGED } from './safety-measure.service';

const authorFor = (answerer: ReportAnswerer): ChallengeAuthor =>
  answerer.via === 'API'
    ? authorOf(answerer.principal)
    : { side: 'CLIENT', via: 'EMAIL_LINK', tokenId: null, employeeId: null, address: answerer.address };

export const safetyMeasureAnswers = defineReportAnswers({
  reportKind: SAFETY_MEASURES_CHANGED,
  answers: ['CHALLENGE'],
  handle: async (deps, answer, { manager, report, answerer, comment }) => {
    // ACKNOWLEDGE and COMMENT are recorded on the report by client-report; only CHALLENGE opens a thread.
    if (answer !== 'CHALLENGE') return;
    const service = new MeasureChallengeService(deps, { kind: 'client', clientId: report.clientId }, null);
    await service.open(
      manager,
      { reportId: report.id, measureId: report.subject.id, contractIds: report.contractIds, message: comment },
      authorFor(answerer),
    );
  },
});
