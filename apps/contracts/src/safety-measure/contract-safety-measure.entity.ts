import { Column, Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, PrimaryIdColumn } from '@azukari/db';

/**
 * A catalogue measure applied to one contract: the link through which an operator-owned measure
 * reaches a client (it carries the client, as incident_contract does). Unapplying keeps the row
 * with `unappliedAt`, so that when a measure covered a contract stays on record; applying again
 * clears it. One row per contract and measure.
 */
@Entity({ name: 'contract_safety_measure' })
@Audited('ContractSafetyMeasure', { client: 'clientId' })
@Index('UQ_contract_safety_measure', ['contractId', 'measureId'], { unique: true })
@Index('IDX_contract_safety_measure_measure', ['measureId', 'contractId'])
export class ContractSafetyMeasureEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  contractId!: string;

  @IdColumn()
  measureId!: string;

  /** The measure's version when it was (last) applied. */
  @Column({ type: 'int' })
  appliedVersion!: number;

  @InstantColumn()
  appliedAt!: Date;

  /** Set while the measure no longer applies to the contract. */
  @InstantColumn({ nullable: true })
  unappliedAt!: Date | null;

  @InstantColumn()
  updatedAt!: Date;
}
