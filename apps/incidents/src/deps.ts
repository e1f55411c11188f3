/** What lives for the life of the process and every request shares. */
import type { DataSource } from 'typeorm';
import type { Clock, Logger } from '@azukari/common';
import type { Outbox, OutboxRelay } from '@azukari/db';
import type { ServiceClient } from '@azukari/service-kit';
import type { IncidentsConfig } from './config';

export interface IncidentsDeps {
  config: IncidentsConfig;
  dataSource: DataSource;
  clock: Clock;
  log: Logger;
  outbox: Outbox;
  relay: OutboxRelay;
  /** Asks the owners of other facts (contracts: which client owns a contract). */
  services: ServiceClient;
}

export { inTransaction } from '@azukari/db';
