/** What lives for the life of the process and every request shares. */
import type { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import type { Clock, CredentialIssuer, Logger } from '@azukari/common';
import type { Outbox, OutboxRelay } from '@azukari/db';
import type { ServiceClient } from '@azukari/service-kit';
import type { ContractsConfig } from './config';
import type { SecretBox } from './secret-box';

export interface ContractsDeps {
  config: ContractsConfig;
  dataSource: DataSource;
  clock: Clock;
  log: Logger;
  outbox: Outbox;
  relay: OutboxRelay;
  secrets: SecretBox;
  services: ServiceClient;
  issuer: CredentialIssuer;
  /** Publishes token revocations to every gateway. */
  publisher: Redis;
  revocationChannel: string;
}

export { inTransaction } from '@azukari/db';
