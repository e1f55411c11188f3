import { Column, Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';

/** The four kinds of measure Art 5.1 names, as the PPC's guidelines on security control measures divide them. */
export type SafetyMeasureCategory = 'ORGANIZATIONAL' | 'HUMAN' | 'PHYSICAL' | 'TECHNICAL';
export type SafetyMeasureStatus = 'ACTIVE' | 'RETIRED';

export const MAX_TITLE_LENGTH = 300;
export const MAX_DESCRIPTION_LENGTH = 4000;
export const MAX_OWNER_LENGTH = 300;
export const MAX_SUMMARY_LENGTH = 1000;

/** A measure's content, as it stands now (SafetyMeasureEntity) and as each version recorded it (SafetyMeasureVersionEntity). */
export abstract class SafetyMeasureContentColumns {
  @TextColumn(20)
  category!: SafetyMeasureCategory;

  @TextColumn(MAX_TITLE_LENGTH)
  title!: string;

  @TextColumn(MAX_DESCRIPTION_LENGTH)
  description!: string;

  /** Who is responsible for it, as the operator names the role or person. */
  @TextColumn(MAX_OWNER_LENGTH)
  owner!: string;

  @TextColumn(10)
  status!: SafetyMeasureStatus;
}

/**
 * A safety management measure (Art 5.1) as it stands now: its current version's content. Two kinds
 * in one table, versioned and reported alike:
 * - a catalogue measure, the operator's own (no client, no contract: operator-owned, like an
 *   incident), reaching clients through the contracts it is applied to (ContractSafetyMeasureEntity);
 * - a contract-specific addition: text of one contract alone, carrying that contract and its client.
 * Every change is a new row in SafetyMeasureVersionEntity; this row is the version in force.
 */
@Entity({ name: 'safety_measure' })
@Audited('SafetyMeasure', { client: 'clientId' })
@Index('IDX_safety_measure_contract', ['contractId', 'id'])
@Index('IDX_safety_measure_client', ['clientId', 'id'])
export class SafetyMeasureEntity extends SafetyMeasureContentColumns {
  @PrimaryIdColumn()
  id!: string;

  /** The client of a contract-specific addition; null for a catalogue measure (the operator's chain). */
  @IdColumn({ nullable: true })
  clientId!: string | null;

  /** The contract of a contract-specific addition; null for a catalogue measure. */
  @IdColumn({ nullable: true })
  contractId!: string | null;

  /** The version in force: 1 when created, one more with every change. */
  @Column({ type: 'int' })
  version!: number;

  @InstantColumn({ nullable: true })
  retiredAt!: Date | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
