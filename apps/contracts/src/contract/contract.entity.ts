import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, LegalDateColumn, PrimaryIdColumn, TextColumn, Audited } from '@azukari/db';

export type ContractStatus = 'ACTIVE' | 'ENDED';

/** A contract with one client: the service purposes it permits, and when it runs (Art 13.1 counts from executedOn). */
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

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
