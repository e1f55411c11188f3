import { Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, LegalDateColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';

/** What a review asked the subcontractor to do, by when, and when it was closed. */
@Entity({ name: 'supervision_follow_up' })
@Audited('SupervisionFollowUp', { client: 'clientId' })
@Index('IDX_supervision_follow_up_review', ['reviewId', 'id'])
export class SupervisionFollowUpEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  reEntrustmentId!: string;

  @IdColumn()
  reviewId!: string;

  @TextColumn(2000)
  action!: string;

  @LegalDateColumn()
  dueOn!: string;

  @InstantColumn({ nullable: true })
  closedAt!: Date | null;

  @IdColumn({ nullable: true })
  closedBy!: string | null;

  @TextColumn(2000, { nullable: true })
  closingNote!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
