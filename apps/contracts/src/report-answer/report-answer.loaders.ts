/** Per-request loader of reports' answers: one statement per list of reports, whatever its length. */
import DataLoader from 'dataloader';
import type { TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import type { ClientReportAnswerEntity } from './report-answer.entity';
import { ClientReportAnswerRepository } from './report-answer.repository';

export const reportAnswerLoaders = (deps: ContractsDeps, scope: TenantScope) => ({
  reportAnswers: new DataLoader<string, ClientReportAnswerEntity[]>(async (reportIds) => {
    const rows = await new ClientReportAnswerRepository(deps.dataSource.manager, scope).ofReports(reportIds);
    const by = new Map<string, ClientReportAnswerEntity[]>(reportIds.map((id) => [id, []]));
    for (const row of rows) by.get(row.reportId)?.push(row);
    return reportIds.map((id) => by.get(id) ?? []);
  }),
});
export type ReportAnswerLoaders = ReturnType<typeof reportAnswerLoaders>;
