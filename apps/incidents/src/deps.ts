/** What lives for the life of the process and every request shares. */
import type { DataSource, EntityManager } from 'typeorm';
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

/** Runs `work` in a transaction and lets the relay know that an event may be waiting. */
export const inTransaction = async <T>(deps: IncidentsDeps, work: (manager: EntityManager) => Promise<T>): Promise<T> => {
  const result = await deps.dataSource.transaction(work);
  deps.relay.nudge();
  return result;
};
