/** What lives for the life of the process and every request shares. */
import type { DataSource, EntityManager } from 'typeorm';
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

/** Runs `work` in a transaction and lets the relay know that an event may be waiting. */
export const inTransaction = async <T>(deps: ContractsDeps, work: (manager: EntityManager) => Promise<T>): Promise<T> => {
  const result = await deps.dataSource.transaction(work);
  deps.relay.nudge();
  return result;
};
