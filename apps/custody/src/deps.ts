/** What lives for the life of the process and every request shares. */
import type { DataSource, EntityManager } from 'typeorm';
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

/** Runs `work` in a transaction and lets the relay know that an event may be waiting. */
export const inTransaction = async <T>(deps: CustodyDeps, work: (manager: EntityManager) => Promise<T>): Promise<T> => {
  const result = await deps.dataSource.transaction(work);
  deps.relay.nudge();
  return result;
};
