/** What lives for the life of the process and every request shares. */
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock, Logger } from '@azukari/common';
import type { PersonnelConfig } from './config';

export interface PersonnelDeps {
  config: PersonnelConfig;
  dataSource: DataSource;
  clock: Clock;
  log: Logger;
}

/** Runs `work` in one transaction: a rule's reads and its writes commit together or not at all. */
export const inTransaction = async <T>(deps: PersonnelDeps, work: (manager: EntityManager) => Promise<T>): Promise<T> =>
  await deps.dataSource.transaction(work);
