import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, PrimaryIdColumn, TextColumn, Audited } from '@azukari/db';

/** Of the report as a whole: DELIVERED once any channel delivered it; FAILED when every channel failed. */
export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

/**
 * The evidence that a report to a client was made (Art 5.2, 6.1, 7.1, 9.3, 10, 11.1, 12.2, 13.1,
 * 13.6): what, about which contracts, when it was due, through which channel, and whether and when
 * it was delivered. One per `client-report.requested` event; its deliveries are one per channel.
 */
@Entity({ name: 'client_report' })
@Audited('ClientReport', { client: 'clientId' })
@Index('UQ_client_report_event_client', ['sourceJobId', 'clientId'], { unique: true })
@Index('IDX_client_report_client', ['clientId', 'id'])
// The overdue and undelivered filters: what is due by when, per client and across clients.
@Index('IDX_client_report_client_due', ['clientId', 'dueAt'])
@Index('IDX_client_report_due', ['dueAt'])
// What a client has not acknowledged, or owes an answer to: the state filters and the counts per client.
@Index('IDX_client_report_client_ack', ['clientId', 'acknowledgedAt'])
@Index('IDX_client_report_ack', ['acknowledgedAt'])
@Index('IDX_client_report_subject', ['subjectId'])
export class ClientReportEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  /** What happened, e.g. incident.reported. */
  @TextColumn(100)
  kind!: string;

  /** The article that requires the report, e.g. "Art 7.1". */
  @TextColumn(20)
  article!: string;

  /** What the report is about: its type (Incident...) and id. */
  @TextColumn(60)
  subjectType!: string;

  @IdColumn()
  subjectId!: string;

  /** The client's contracts it concerns, as a JSON array of ids. */
  @Column({ type: 'text' })
  contractIds!: string;

  /** When the regulation wants it delivered by. */
  @InstantColumn()
  dueAt!: Date;

  /** The job (`<producer>-<event id>`) that caused it: one report per event and client. */
  @TextColumn(120)
  sourceJobId!: string;

  /** The body delivered, fixed at creation so that every redelivery sends the same bytes. */
  @Column({ type: 'mediumtext' })
  body!: string;

  @TextColumn(12)
  deliveryStatus!: DeliveryStatus;

  /** Tries over all its deliveries. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'int', nullable: true })
  lastResponseStatus!: number | null;

  @TextColumn(500, { nullable: true })
  lastError!: string | null;

  /** When the first channel delivered it: the moment the client was told. */
  @InstantColumn({ nullable: true })
  deliveredAt!: Date | null;

  /** When it was escalated to staff as still undelivered past its due time (the overdue schedule). */
  @InstantColumn({ nullable: true })
  escalatedAt!: Date | null;

  /** When the client first acknowledged it (through the API or its email's link); null until then. */
  @InstantColumn({ nullable: true })
  acknowledgedAt!: Date | null;

  /** Whether its kind asks for the client's answer (a handler in REPORT_ANSWERS offers answers), fixed when recorded. */
  @Column({ type: 'boolean', default: false })
  asksAnswer!: boolean;

  /** The answer the client gave (CHALLENGE, CONSENT...), once it gave one of those its kind offers. */
  @TextColumn(20, { nullable: true })
  answer!: string | null;

  @InstantColumn({ nullable: true })
  answeredAt!: Date | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
