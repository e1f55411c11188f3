import { Column, Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';
import { MAX_SUMMARY_LENGTH, SafetyMeasureContentColumns } from './safety-measure.entity';

export type SafetyMeasureChangeKind = 'CREATED' | 'CHANGED' | 'RETIRED';

/**
 * One version of a measure, kept for good: its content as of that version (the inherited
 * columns), what kind of change made it, the change's summary (what the 5.2 report tells the
 * client), when and by whom. Never updated or removed; (measureId, version) is unique, so two changes racing cannot both be version n.
 */
@Entity({ name: 'safety_measure_version' })
@Audited('SafetyMeasureVersion', { client: 'clientId' })
@Index('UQ_safety_measure_version', ['measureId', 'version'], { unique: true })
export class SafetyMeasureVersionEntity extends SafetyMeasureContentColumns {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  measureId!: string;

  /** The measure's client (a contract-specific addition's); null for a catalogue measure. */
  @IdColumn({ nullable: true })
  clientId!: string | null;

  @Column({ type: 'int' })
  version!: number;

  @TextColumn(10)
  changeKind!: SafetyMeasureChangeKind;

  @TextColumn(MAX_SUMMARY_LENGTH)
  changeSummary!: string;

  @InstantColumn()
  changedAt!: Date;

  /** The employee who made the change; null for the bootstrap admin token. */
  @IdColumn({ nullable: true })
  changedByEmployeeId!: string | null;

  /** The staff token it was made with. */
  @IdColumn()
  changedByTokenId!: string;
}
