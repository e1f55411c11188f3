import { Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';

/** An obligation imposed on the subcontractor of a re-entrustment (Art 6.2), with the article it flows down from. */
@Entity({ name: 're_entrustment_obligation' })
@Audited('FlowDownObligation', { client: 'clientId' })
@Index('IDX_re_entrustment_obligation_parent', ['reEntrustmentId', 'id'])
export class ReEntrustmentObligationEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  reEntrustmentId!: string;

  /** The paragraph of the Regulations it is equivalent to, e.g. `Art 5.1`. */
  @TextColumn(20)
  article!: string;

  @TextColumn(2000)
  obligation!: string;

  @InstantColumn()
  recordedAt!: Date;

  @IdColumn({ nullable: true })
  recordedBy!: string | null;
}
