import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';

export type ReportChannel = 'WEBHOOK' | 'NONE';
export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'NO_CHANNEL';

/**
 * The evidence that a report to a client was made (Art 5.2, 6.1, 7.1, 9.3, 10, 11.1, 12.2, 13):
 * what, when, through which channel, and whether it was delivered. One per event and client.
 */
@Entity({ name: 'client_report' })
@Index('UQ_client_report_event_client', ['sourceJobId', 'clientId'], { unique: true })
@Index('IDX_client_report_client', ['clientId', 'id'])
export class ClientReportEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  /** The event it reports, e.g. incident.reported. */
  @TextColumn(100)
  kind!: string;

  /** The article that requires the report, e.g. "Art 7.1". */
  @TextColumn(20)
  article!: string;

  @IdColumn()
  subjectId!: string;

  /** The job (`<producer>-<event id>`) that caused it: one report per event and client. */
  @TextColumn(120)
  sourceJobId!: string;

  /** The body delivered, fixed at creation so that every redelivery sends the same bytes. */
  @Column({ type: 'mediumtext' })
  body!: string;

  @TextColumn(10)
  channel!: ReportChannel;

  @TextColumn(12)
  deliveryStatus!: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'int', nullable: true })
  lastResponseStatus!: number | null;

  @TextColumn(500, { nullable: true })
  lastError!: string | null;

  @InstantColumn({ nullable: true })
  deliveredAt!: Date | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
