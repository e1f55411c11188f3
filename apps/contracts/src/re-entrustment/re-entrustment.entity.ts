import { Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, LegalDateColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';

export type ReEntrustmentStatus = 'PROPOSED' | 'CONSENTED' | 'REFUSED' | 'WITHDRAWN' | 'ENDED';
export type ReEntrustmentDecision = 'CONSENT' | 'REFUSE';
/** How the client's decision reached the operator: a partner token, a report email's signed link, or on paper (entered by staff). */
export type DecisionVia = 'API' | 'EMAIL_LINK' | 'PAPER';

/**
 * A part of the handling of one contract's information, re-entrusted (Art 6.1) to a subcontractor.
 * It starts PROPOSED, with the 6.1 notice to the client, and becomes CONSENTED only by the client's
 * explicit written decision: neither silence nor a lapsed `answerBy` ever consents. Only a
 * CONSENTED re-entrustment lets information flow to the subcontractor. REFUSED and WITHDRAWN end a
 * proposal; ENDED ends a consented re-entrustment.
 */
@Entity({ name: 're_entrustment' })
@Audited('ReEntrustment', { client: 'clientId' })
@Index('IDX_re_entrustment_client', ['clientId', 'id'])
@Index('IDX_re_entrustment_contract', ['contractId', 'id'])
@Index('IDX_re_entrustment_subcontractor', ['subcontractorId', 'status', 'id'])
export class ReEntrustmentEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  contractId!: string;

  @IdColumn()
  subcontractorId!: string;

  /** The part of the handling proposed for re-entrustment, as the notice describes it. */
  @TextColumn(2000)
  part!: string;

  @TextColumn(20)
  status!: ReEntrustmentStatus;

  /** The date (Asia/Tokyo) by which an answer is asked for; past it the proposal shows as overdue, never as consented. */
  @LegalDateColumn({ nullable: true })
  answerBy!: string | null;

  @InstantColumn()
  proposedAt!: Date;

  /** The staff member who proposed it; null for the bootstrap admin token. */
  @IdColumn({ nullable: true })
  proposedBy!: string | null;

  @TextColumn(10, { nullable: true })
  decision!: ReEntrustmentDecision | null;

  @InstantColumn({ nullable: true })
  decidedAt!: Date | null;

  @TextColumn(20, { nullable: true })
  decisionVia!: DecisionVia | null;

  /** Who gave or entered the decision: the partner token's id, the address the email link was sent to, or the staff member. */
  @TextColumn(320, { nullable: true })
  decidedBy!: string | null;

  /** SHA-256 (hex) of the written decision: the signed document, or the answer's own record when answered by link. */
  @TextColumn(64, { nullable: true })
  documentSha256!: string | null;

  /** Who signed the decision at the client (name and title, as the document gives them). */
  @TextColumn(300, { nullable: true })
  signedBy!: string | null;

  @TextColumn(2000, { nullable: true })
  decisionComment!: string | null;

  /** The client's written consent (a WrittenConsent of kind RE_ENTRUSTMENT) it rests on; its revocation ends it. */
  @IdColumn({ nullable: true })
  writtenConsentId!: string | null;

  @InstantColumn({ nullable: true })
  closedAt!: Date | null;

  /** Why it was withdrawn or ended. */
  @TextColumn(2000, { nullable: true })
  closingReason!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
