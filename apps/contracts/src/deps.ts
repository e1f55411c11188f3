/** What lives for the life of the process and every request shares: the core, and contracts' own. */
import type { Redis } from 'ioredis';
import type { ServiceCore } from '@azukari/service-kit';
import type { ContractsConfig } from './config';
import type { SecretBox } from '@azukari/common';
import type { ReportAnswerHandler } from './client-report/report-answer';

export interface ContractsDeps extends ServiceCore<ContractsConfig> {
  secrets: SecretBox;
  /** Publishes token revocations to every gateway. */
  publisher: Redis;
  revocationChannel: string;
  /** The report kinds that ask for the client's answer, with their handlers (REPORT_ANSWERS). */
  reportAnswers: readonly ReportAnswerHandler[];
}
