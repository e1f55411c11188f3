/** Every report kind that asks for the client's answer, with its handler: listed once. */
import type { ReportAnswerHandler } from './client-report/report-answer';
import { reEntrustmentAnswers, subcontractorReportAnswers } from './re-entrustment/re-entrustment.answers';
import { safetyMeasureAnswers } from './safety-measure/safety-measure.answers';

export const REPORT_ANSWERS: readonly ReportAnswerHandler[] = [safetyMeasureAnswers, reEntrustmentAnswers, subcontractorReportAnswers];
