import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, LegalDateColumn, PrimaryIdColumn, TextColumn, Audited } from '@azukari/db';
import type { ContractStatus } from '@azukari/routes';

export type { ContractStatus };

/**
 * A contract with one client: the service purposes it permits, and when it runs (Art 13.1 counts
 * from executedOn). Its life: DRAFT → ACTIVE → ENDED or TERMINATED; every change of its purposes
 * is kept as a ContractPurposeVersion, and `purposeVersion` names the current one.
 */
@Entity({ name: 'contract' })
@Audited('Contract', { client: 'clientId' })
@Index('IDX_contract_client', ['clientId', 'id'])
export class ContractEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  @TextColumn(300)
  title!: string;

  /** The purposes of the service (Art 2.1, 4): use outside them needs the client's written consent. */
  @Column({ type: 'simple-json' })
  purposes!: string[];

  @LegalDateColumn()
  executedOn!: string;

  @LegalDateColumn()
  startsOn!: string;

  @LegalDateColumn({ nullable: true })
  endsOn!: string | null;

  @TextColumn(20)
  status!: ContractStatus;

  /** The current version of `purposes` (1 as executed); each change adds a ContractPurposeVersion. */
  @Column({ type: 'int', default: 1 })
  purposeVersion!: number;

  /** The date the service ended (ENDED) or was cut short (TERMINATED), in Asia/Tokyo. */
  @LegalDateColumn({ nullable: true })
  serviceEndedOn!: string | null;

  /** Why it was terminated (TERMINATED only): the operator's words, never sent in a report. */
  @TextColumn(1000, { nullable: true })
  terminationReason!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
