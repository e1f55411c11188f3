/** What lives for the life of the process and every request shares. */
import type { DataSource } from 'typeorm';
import type { Clock, Logger } from '@azukari/common';
import type { Outbox, OutboxRelay } from '@azukari/db';
import type { ServiceClient } from '@azukari/service-kit';
import type { CustodyConfig } from './config';

export interface CustodyDeps {
  config: CustodyConfig;
  dataSource: DataSource;
  clock: Clock;
  log: Logger;
  /** Domain events leave through the outbox, in the transaction of the change they report. */
  outbox: Outbox;
  relay: OutboxRelay;
  /** Asks the owners of other facts (contracts, personnel) on their internal routes. */
  services: ServiceClient;
}

export { inTransaction } from '@azukari/db';
