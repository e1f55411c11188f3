import { Column, Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';

export type ChallengeStatus = 'OPEN' | 'CLOSED';
export type ChallengeOutcome = 'MEASURES_ADDED' | 'MEASURES_CHANGED' | 'MAINTAINED_AS_SUFFICIENT' | 'FEES_ADJUSTED';
/** How a client's side reached us: a token through the API, or a report email's signed link. */
export type ChallengeVia = 'API' | 'EMAIL_LINK';
export type ChallengeSide = 'CLIENT' | 'OPERATOR';

export const MAX_MESSAGE_LENGTH = 4000;
export const MAX_SERVICE_NOTE_LENGTH = 1000;
export const MAX_OUTCOME_LENGTH = 4000;
/** The open-thread key of a challenge of the measures as a whole, not of one measure. */
export const ALL_MEASURES = 'ALL';

/**
 * A client's challenge of the safety measures as insufficient (Art 5.3), and the discussion that
 * follows: of one measure (usually the one a 5.2 report told of) or of the measures as a whole,
 * with the content, scale and fees of the service noted, as 5.3 lets the discussion weigh them,
 * until staff close it with its outcome. A client has one open thread per measure (and one for the
 * whole): `openKey` is the measure id (or ALL) while open and null once closed, unique per client,
 * so a second challenge of the same measure joins the open thread.
 */
@Entity({ name: 'safety_measure_challenge' })
@Audited('SafetyMeasureChallenge', { client: 'clientId' })
@Index('IDX_safety_measure_challenge_client', ['clientId', 'id'])
@Index('UQ_safety_measure_challenge_open', ['clientId', 'openKey'], { unique: true })
export class SafetyMeasureChallengeEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  /** The measure challenged; null: the measures as a whole. */
  @IdColumn({ nullable: true })
  measureId!: string | null;

  /** The 5.2 report it answers, when it answers one. */
  @IdColumn({ nullable: true })
  reportId!: string | null;

  /** The client's contracts it concerns. */
  @Column({ type: 'simple-json' })
  contractIds!: string[];

  @TextColumn(10)
  status!: ChallengeStatus;

  @TextColumn(36, { nullable: true })
  openKey!: string | null;

  @TextColumn(12)
  openedVia!: ChallengeVia;

  /** What the content, scale and fees of the service are, as noted for the discussion (Art 5.3). */
  @TextColumn(MAX_SERVICE_NOTE_LENGTH, { nullable: true })
  serviceContent!: string | null;

  @TextColumn(MAX_SERVICE_NOTE_LENGTH, { nullable: true })
  serviceScale!: string | null;

  @TextColumn(MAX_SERVICE_NOTE_LENGTH, { nullable: true })
  serviceFees!: string | null;

  @TextColumn(30, { nullable: true })
  outcome!: ChallengeOutcome | null;

  @TextColumn(MAX_OUTCOME_LENGTH, { nullable: true })
  outcomeText!: string | null;

  @InstantColumn({ nullable: true })
  closedAt!: Date | null;

  @IdColumn({ nullable: true })
  closedByEmployeeId!: string | null;

  @IdColumn({ nullable: true })
  closedByTokenId!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/** One message of a challenge's discussion, from the client's side or the operator's. Never changed. */
@Entity({ name: 'safety_measure_challenge_message' })
@Audited('SafetyMeasureChallengeMessage', { client: 'clientId' })
@Index('IDX_safety_measure_challenge_message_thread', ['challengeId', 'id'])
export class SafetyMeasureChallengeMessageEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  challengeId!: string;

  @TextColumn(10)
  side!: ChallengeSide;

  @TextColumn(12)
  via!: ChallengeVia;

  /** The token it was written with (a partner's or a staff member's); null for an email link. */
  @IdColumn({ nullable: true })
  authorTokenId!: string | null;

  /** The staff member who wrote it. */
  @IdColumn({ nullable: true })
  authorEmployeeId!: string | null;

  /** The report address whose signed link it came through. */
  @TextColumn(320, { nullable: true })
  authorAddress!: string | null;

  @TextColumn(MAX_MESSAGE_LENGTH)
  body!: string;

  @InstantColumn()
  createdAt!: Date;
}
