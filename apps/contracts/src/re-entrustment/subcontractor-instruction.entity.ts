import { Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';

/** The client's instruction or guidance to a subcontractor, in answer to its forwarded report (Art 13.6). */
@Entity({ name: 'subcontractor_instruction' })
@Audited('SubcontractorInstruction', { client: 'clientId' })
@Index('IDX_subcontractor_instruction_report', ['reportId', 'id'])
export class SubcontractorInstructionEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  reEntrustmentId!: string;

  /** The subcontractor report it answers. */
  @IdColumn()
  reportId!: string;

  @TextColumn(4000)
  instructions!: string;

  @InstantColumn()
  givenAt!: Date;

  /** API (a partner token) or EMAIL_LINK (the report email's signed link). */
  @TextColumn(20)
  givenVia!: 'API' | 'EMAIL_LINK';

  /** The partner token's id, or the address the email link was sent to. */
  @TextColumn(320)
  givenBy!: string;
}
