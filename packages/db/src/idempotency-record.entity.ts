/**
 * A mutation's Idempotency-Key, kept in the database of the subgraph the mutation changes and
 * written in the same transaction as the change, with the answer it gave: a retry gets that
 * answer back, and a concurrent request with the same key waits on this row's lock until the
 * first commits (then it finds the answer) or rolls back (then it acts itself).
 */
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from './columns';
import { NotAudited } from './audit/audited';

export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

@Entity({ name: 'idempotency_record' })
@Index('IDX_idempotency_record_expires', ['expiresAt'])
@NotAudited('request bookkeeping: the change it guards is audited')
export class IdempotencyRecordEntity {
  /** Keys are kept per token: two partners may choose the same key. */
  @PrimaryColumn({ type: 'char', length: 36 })
  tokenId!: string;

  /** The caller's key, with the step of the request when one request reaches this subgraph more than once. */
  @PrimaryColumn({ type: 'varchar', length: 300 })
  key!: string;

  /** SHA-256 of the caller's whole request: the same key with another request is refused. */
  @Column({ type: 'char', length: 64 })
  fingerprint!: string;

  /** This subgraph's answer, as JSON; set in the transaction that claimed the key. */
  @Column({ type: 'mediumtext', nullable: true })
  response!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  expiresAt!: Date;
}
