import { Column, Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';
import type { ReportAnswerKind } from '../client-report/report-answer';

export type AnsweredVia = 'API' | 'EMAIL_LINK';

/**
 * Every answer a client gave to a report (ACKNOWLEDGE, COMMENT, or an answer its kind offers), with
 * how and by whom: through the API (the token) or through its email's signed link (the recipient's
 * address). Append-only: the evidence that the client was told and what it said.
 */
@Entity({ name: 'client_report_answer' })
@Audited('ClientReportAnswer', { client: 'clientId' })
@Index('IDX_client_report_answer_report', ['reportId', 'id'])
export class ClientReportAnswerEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  reportId!: string;

  @IdColumn()
  clientId!: string;

  @TextColumn(20)
  answer!: ReportAnswerKind;

  /** The client's words, as it wrote them (at most 2,000 characters). */
  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @TextColumn(12)
  via!: AnsweredVia;

  /** The partner token that answered through the API. */
  @IdColumn({ nullable: true })
  tokenId!: string | null;

  /** The address the email's link was sent to, when answered by the link. */
  @TextColumn(320, { nullable: true })
  recipient!: string | null;

  @InstantColumn()
  at!: Date;
}

/**
 * A report email's signed link that was used: one row per link (its token id, the delivery it was
 * sent with), so that a link answers once. The unique key is the enforcement: of two uses at once,
 * the second meets the first's row and is refused.
 */
@Entity({ name: 'report_link_use' })
@Audited('ReportLinkUse', { client: 'clientId' })
export class ReportLinkUseEntity {
  /** The link's token id (`jti`). */
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  reportId!: string;

  @IdColumn()
  clientId!: string;

  /** The answer it recorded. */
  @IdColumn()
  answerId!: string;

  @InstantColumn()
  usedAt!: Date;
}
