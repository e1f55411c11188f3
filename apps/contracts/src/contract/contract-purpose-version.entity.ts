import { Column, Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';

/**
 * One version of a contract's permitted purposes (Art 2.1, 4): version 1 as the contract was
 * created, and one more for every change, with when, by whom (the token, and the employee behind
 * a staff token) and why. A decision names the version it relied on, so that it can be proved
 * later against the purposes as they stood.
 */
@Entity({ name: 'contract_purpose_version' })
@Audited('ContractPurposeVersion', { client: 'clientId' })
@Index('IDX_contract_purpose_version_client', ['clientId', 'id'])
@Index('UQ_contract_purpose_version', ['contractId', 'version'], { unique: true })
export class ContractPurposeVersionEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  contractId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'simple-json' })
  purposes!: string[];

  /** Why the purposes changed; null for version 1 (as executed). */
  @TextColumn(1000, { nullable: true })
  reason!: string | null;

  /** Null only for the first version of a contract made before versions were kept (carried over by a migration). */
  @IdColumn({ nullable: true })
  changedByTokenId!: string | null;

  /** The employee behind the staff token; null for the bootstrap admin token. */
  @IdColumn({ nullable: true })
  changedByEmployeeId!: string | null;

  @InstantColumn()
  changedAt!: Date;
}
