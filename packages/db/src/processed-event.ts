/**
 * Idempotent consumers: the effect of a job and the record that its event was processed commit
 * in one transaction, so a redelivered job (a relay retry, a stalled worker) does nothing twice.
 */
import { Entity, PrimaryColumn, type DataSource, type EntityManager } from 'typeorm';
import { InstantColumn, TextColumn } from './columns';
import { NotAudited } from './audit/audited';
import type { Clock } from '@azukari/common';

@Entity({ name: 'processed_event' })
@NotAudited('delivery bookkeeping: the effect of the job is audited')
export class ProcessedEventEntity {
  /** The job id, `<producer>-<event uuid>`. */
  @PrimaryColumn({ type: 'varchar', length: 120 })
  jobId!: string;

  @TextColumn(100)
  consumer!: string;

  @InstantColumn()
  processedAt!: Date;
}

/** MySQL's and MariaDB's answer to an insert that breaks a unique index. */
export const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === 'ER_DUP_ENTRY';

/**
 * Runs `effect` once per job id; returns false when the job was processed before. At READ
 * COMMITTED, like the relay's claim: a locking read of a row that is not there (an asset's current
 * custodianship, before its first) then locks nothing, where REPEATABLE READ locked the gap, and
 * jobs for neighbouring new rows deadlocked on their inserts into it. What must stay single is
 * kept so by unique keys (the job id here; one current custodianship per asset), not by gap locks.
 */
export const processOnce = async (
  dataSource: DataSource,
  clock: Clock,
  consumer: string,
  jobId: string,
  effect: (manager: EntityManager) => Promise<void>,
): Promise<boolean> => {
  try {
    await dataSource.transaction('READ COMMITTED', async (manager) => {
      await manager.insert(ProcessedEventEntity, { jobId, consumer, processedAt: clock.now() });
      await effect(manager);
    });
    return true;
  } catch (error) {
    if (isDuplicateKey(error) && (await dataSource.manager.existsBy(ProcessedEventEntity, { jobId }))) return false;
    throw error;
  }
};
