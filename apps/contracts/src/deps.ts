/** What lives for the life of the process and every request shares: the core, and contracts' own. */
import type { Redis } from 'ioredis';
import type { ServiceCore } from '@azukari/service-kit';
import type { ContractsConfig } from './config';
import type { SecretBox } from '@azukari/common';

export interface ContractsDeps extends ServiceCore<ContractsConfig> {
  secrets: SecretBox;
  /** Publishes token revocations to every gateway. */
  publisher: Redis;
  revocationChannel: string;
}
