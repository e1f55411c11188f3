/**
 * The contracts service: clients, contracts, API tokens and viewer, client reports and their
 * delivery state. createApp starts it in-process (tests boot it on port 0).
 */
import 'reflect-metadata';
import { revocationChannel } from '@azukari/common';
import { startSubgraph, type RunningSubgraph } from '@azukari/service-kit';
import type { ContractsConfig } from './config';
import { contractsDataSource } from './data-source';
import type { ContractsDeps } from './deps';
import { CONTRACTS_FEATURES } from './features';
import { SecretBox } from '@azukari/common';
import { ApiTokenService } from './api-token/api-token.service';
import { syncBootstrapAdmin } from './api-token/bootstrap-admin';
import { REPORT_ANSWERS } from './report-answers';

export { loadContractsConfig, type ContractsConfig } from './config';
export {
  defineReportAnswers,
  type ReportAnswerHandler,
  type ReportAnswerKind,
  type ReportAnswerContext,
} from './client-report/report-answer';

export type ContractsApp = RunningSubgraph<ContractsDeps>;

export const createApp = async (config: ContractsConfig): Promise<ContractsApp> =>
  await startSubgraph({
    name: 'contracts',
    config,
    dataSource: (url) => contractsDataSource(url, config.queryLogger),
    features: CONTRACTS_FEATURES,
    deps: (core): ContractsDeps => ({
      ...core,
      secrets: new SecretBox(config.secretsKey),
      publisher: core.producer.redis,
      revocationChannel: revocationChannel(config.queuePrefix),
      reportAnswers: config.reportAnswers ?? REPORT_ANSWERS,
    }),
    // createApiToken and createClient answer with a new token and webhook secret: kept for retries, sealed.
    answerSealer: (deps) => deps.secrets,
    beforeListen: async (deps) => await syncBootstrapAdmin(deps, new ApiTokenService(deps)),
  });
