import { Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, LegalDateColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';

/** A review of a subcontractor's handling under one re-entrustment: the supervision Art 6.2 requires. */
@Entity({ name: 'supervision_review' })
@Audited('SupervisionReview', { client: 'clientId' })
@Index('IDX_supervision_review_parent', ['reEntrustmentId', 'id'])
export class SupervisionReviewEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  reEntrustmentId!: string;

  /** The date of the review, in Japan. */
  @LegalDateColumn()
  reviewedOn!: string;

  /** Who reviewed (the operator's reviewer, as the review record names them). */
  @TextColumn(200)
  reviewer!: string;

  @TextColumn(4000)
  findings!: string;

  @InstantColumn()
  recordedAt!: Date;

  @IdColumn({ nullable: true })
  recordedBy!: string | null;
}
