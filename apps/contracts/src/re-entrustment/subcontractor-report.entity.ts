import { Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, LegalDateColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';

/**
 * A subcontractor's report on its safety measures and compliance (Art 13.6), recorded on one
 * consented re-entrustment and forwarded to its client. One report the subcontractor sends is
 * recorded on each of its consented re-entrustments, so each client sees (and answers) its own.
 */
@Entity({ name: 'subcontractor_report' })
@Audited('SubcontractorComplianceReport', { client: 'clientId' })
@Index('IDX_subcontractor_report_parent', ['reEntrustmentId', 'id'])
export class SubcontractorReportEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  reEntrustmentId!: string;

  @IdColumn()
  contractId!: string;

  @IdColumn()
  subcontractorId!: string;

  /** When the operator received it, in Japan. */
  @LegalDateColumn()
  receivedOn!: string;

  @TextColumn(4000)
  summary!: string;

  /** SHA-256 (hex) of the subcontractor's document. */
  @TextColumn(64)
  documentSha256!: string;

  @InstantColumn()
  recordedAt!: Date;

  @IdColumn({ nullable: true })
  recordedBy!: string | null;
}
