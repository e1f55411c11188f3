/**
 * The audit log's rows. One chain per client (and one for the operator's own records) in each
 * service's database, so a service's writes for one client never wait on another's. Each entry
 * holds the hash of the one before it; the head row holds the chain's last sequence number and
 * hash, and is the lock that orders appends.
 *
 * Entries name objects by type and id and changes by field name, never by value: the log must
 * not become a copy of the personal information it watches (a disposal under Art 9 has to reach
 * every copy, and this log is never disposed of).
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn, TextColumn } from '../columns';
import { NotAudited } from './audited';

@Entity({ name: 'audit_entry' })
@NotAudited('the audit log itself')
export class AuditEntryEntity {
  /** A client id, or 'operator'. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  chain!: string;

  @PrimaryColumn({ type: 'bigint', unsigned: true })
  seq!: string;

  @TextColumn(64)
  prevHash!: string;

  @TextColumn(64)
  hash!: string;

  @InstantColumn()
  at!: Date;

  @TextColumn(40)
  service!: string;

  /** staff, partner, job or system. */
  @TextColumn(20)
  actorKind!: string;

  @TextColumn(100)
  actorId!: string;

  /** The service through which the actor's request came, when it did not come from the gateway. */
  @TextColumn(40, { nullable: true })
  via!: string | null;

  /** create, update, delete or read. */
  @TextColumn(20)
  action!: string;

  /** JSON: object type → ids, in the order they were touched. */
  @Column({ type: 'mediumtext' })
  objects!: string;

  /** JSON array of the changed fields' names; null for creations, deletions and reads. */
  @Column({ type: 'text', nullable: true })
  fields!: string | null;

  @TextColumn(200, { nullable: true })
  purpose!: string | null;

  @TextColumn(32)
  requestId!: string;
}

@Entity({ name: 'audit_chain_head' })
@NotAudited('the audit log itself')
export class AuditChainHeadEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  chain!: string;

  @Column({ type: 'bigint', unsigned: true })
  seq!: string;

  @TextColumn(64)
  hash!: string;
}
