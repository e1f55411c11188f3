import { Column, Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, LegalDateColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';

export type InspectionStatus = 'REQUESTED' | 'ACCEPTED' | 'RESCHEDULED' | 'DECLINED' | 'CONFIRMED' | 'COMPLETED' | 'CANCELLED';
export type InspectionChannel = 'API' | 'PAPER';
export type InspectionDeclineReason = 'IMPEDES_OPERATIONS' | 'OTHER_VALID_REASON';

/** Who comes, by role and organization only: an inspection needs no one's name. */
export interface InspectorRow {
  role: string;
  organization: string;
}

/**
 * An on-site inspection a client asked for with prior written notice (Art 13.2), the operator's
 * answer, the non-disclosure agreement it asked for (13.3), the client's acknowledgement of the
 * rules of entry and exit (13.4), and how it ended. Its contracts are `inspection_contract` rows;
 * costs beyond the expected scope (13.5) are `inspection_cost_discussion` and `inspection_cost`.
 */
@Entity({ name: 'inspection' })
@Audited('Inspection', { client: 'clientId' })
@Index('IDX_inspection_client', ['clientId', 'id'])
@Index('IDX_inspection_status', ['status', 'id'])
export class InspectionEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  @TextColumn(20)
  status!: InspectionStatus;

  /** API: the partner's request is the written notice; PAPER: staff recorded a paper notice. */
  @TextColumn(10)
  noticeChannel!: InspectionChannel;

  /** The date the written notice was given, in Japan: every proposed date must come after it. */
  @LegalDateColumn()
  noticeGivenOn!: string;

  /** SHA-256 (hex) of the notice document: required for a paper notice. */
  @TextColumn(64, { nullable: true })
  noticeDocumentSha256!: string | null;

  /** What the inspection is to verify (13.2: as far as needed to check the safety measures). */
  @TextColumn(2000)
  purpose!: string;

  @Column({ type: 'simple-json' })
  proposedDates!: string[];

  @Column({ type: 'simple-json' })
  inspectors!: InspectorRow[];

  /** The date agreed (accepted, or the operator's new date when rescheduled). */
  @LegalDateColumn({ nullable: true })
  scheduledOn!: string | null;

  @TextColumn(1000, { nullable: true })
  rescheduleReason!: string | null;

  @TextColumn(30, { nullable: true })
  declineReason!: InspectionDeclineReason | null;

  @TextColumn(1000, { nullable: true })
  declineExplanation!: string | null;

  /** Set when accepted: whether the operator asks the client to sign an NDA first (13.3). */
  @Column({ type: 'boolean', nullable: true })
  ndaRequired!: boolean | null;

  @TextColumn(64, { nullable: true })
  ndaDocumentSha256!: string | null;

  @LegalDateColumn({ nullable: true })
  ndaSignedOn!: string | null;

  /** Who signed for the client, by role and organization. */
  @TextColumn(200, { nullable: true })
  ndaSignatoryRole!: string | null;

  @TextColumn(200, { nullable: true })
  ndaSignatoryOrganization!: string | null;

  @InstantColumn({ nullable: true })
  ndaRecordedAt!: Date | null;

  /** SHA-256 of the rules of entry and exit the client acknowledged (13.4). */
  @TextColumn(64, { nullable: true })
  entryRulesSha256!: string | null;

  @LegalDateColumn({ nullable: true })
  entryRulesAcknowledgedOn!: string | null;

  @TextColumn(10, { nullable: true })
  entryRulesAcknowledgedVia!: InspectionChannel | null;

  /** SHA-256 of the client's signed acknowledgement, when staff recorded it from paper. */
  @TextColumn(64, { nullable: true })
  entryRulesAcknowledgementSha256!: string | null;

  @TextColumn(1000, { nullable: true })
  cancelReason!: string | null;

  @LegalDateColumn({ nullable: true })
  completedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  findingsSummary!: string | null;

  /** When the operator answered (accepted, rescheduled or declined) first. */
  @InstantColumn({ nullable: true })
  decidedAt!: Date | null;

  @InstantColumn({ nullable: true })
  confirmedAt!: Date | null;

  @InstantColumn({ nullable: true })
  cancelledAt!: Date | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/** One contract an inspection concerns; carries the client id, as every client-owned row does. */
@Entity({ name: 'inspection_contract' })
@Audited('InspectionContract', { client: 'clientId' })
@Index('UQ_inspection_contract', ['inspectionId', 'contractId'], { unique: true })
@Index('IDX_inspection_contract_contract', ['clientId', 'contractId', 'inspectionId'])
export class InspectionContractEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  inspectionId!: string;

  @IdColumn()
  contractId!: string;

  @IdColumn()
  clientId!: string;
}

/** The discussion between both parties that must come before any cost is charged (13.5). */
@Entity({ name: 'inspection_cost_discussion' })
@Audited('InspectionCostDiscussion', { client: 'clientId' })
@Index('IDX_inspection_cost_discussion_inspection', ['clientId', 'inspectionId', 'id'])
export class InspectionCostDiscussionEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  inspectionId!: string;

  @IdColumn()
  clientId!: string;

  @LegalDateColumn()
  discussedOn!: string;

  /** Who took part, by role and organization. */
  @Column({ type: 'simple-json' })
  participants!: InspectorRow[];

  @TextColumn(1000)
  agreedOutcome!: string;

  @InstantColumn()
  recordedAt!: Date;
}

/** A cost of receiving an inspection beyond the expected scope, charged after a recorded discussion (13.5). */
@Entity({ name: 'inspection_cost' })
@Audited('InspectionCost', { client: 'clientId' })
@Index('IDX_inspection_cost_inspection', ['clientId', 'inspectionId', 'id'])
export class InspectionCostEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  inspectionId!: string;

  @IdColumn()
  clientId!: string;

  /** The discussion it was charged after. */
  @IdColumn()
  discussionId!: string;

  @TextColumn(500)
  description!: string;

  /** In yen, tax included. */
  @Column({ type: 'int' })
  amountJpy!: number;

  @InstantColumn()
  chargedAt!: Date;
}
