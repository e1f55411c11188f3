/**
 * Answers to reports: a partner with reports:ack acknowledges, comments, or gives the answer a
 * report's kind offers (dispatched to the REPORT_ANSWERS handler of its kind); the reader of a
 * report email does the same without a token through the email's signed link, whose page the
 * gateway serves and asks about through the routes here. Staff see what is open per client.
 */
import { ReportLinkSubmit, ReportLinkView } from '@azukari/routes';
import { defineFeature, implement, type Feature } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { ClientReportAnswerEntity, ReportLinkUseEntity } from './report-answer.entity';
import { reportAnswerLoaders, type ReportAnswerLoaders } from './report-answer.loaders';
import { ReportAnswerResolver } from './report-answer.resolver';
import { ReportAnswerService } from './report-answer.service';

export const reportAnswerFeature: Feature<ContractsDeps, ReportAnswerLoaders> = defineFeature({
  name: 'report-answer',
  entities: [ClientReportAnswerEntity, ReportLinkUseEntity],
  resolvers: [ReportAnswerResolver],
  loaders: reportAnswerLoaders,
  routes: (deps: ContractsDeps) => {
    const answers = new ReportAnswerService(deps);
    return [
      implement(ReportLinkView, async ({ token }) => await answers.viewByLink(token)),
      implement(ReportLinkSubmit, async ({ token, answer, comment }) => await answers.submitByLink(token, answer, comment)),
    ];
  },
});
