import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, NotAudited, PrimaryIdColumn, TextColumn } from '@azukari/db';
import type { DeliveryChannel } from '@azukari/jobs';

/**
 * PENDING while tries go on; DELIVERED; FAILED once its tries are spent, the endpoint refused it for
 * good or was removed: set aside, visible to staff and the partner, redeliverable on request.
 * REDELIVERED: a failed delivery that a later one (redeliveryOf) took over.
 */
export type ChannelDeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'REDELIVERED';

/** One report's delivery through one channel: its report address, or one webhook endpoint. */
@Entity({ name: 'client_report_delivery' })
// The report it belongs to is audited, its state changes included; every try is kept, append-only,
// in client_report_attempt. A second chain entry per delivery and try would double the audit's
// writes on the delivery path for no fact the two do not already hold.
@NotAudited('delivery bookkeeping: the report is audited, and every try is kept in client_report_attempt')
@Index('IDX_client_report_delivery_report', ['reportId'])
// The set-aside list: a client's (or every client's) failed deliveries, newest first by id.
@Index('IDX_client_report_delivery_client_status', ['clientId', 'status', 'id'])
@Index('IDX_client_report_delivery_status', ['status', 'id'])
export class ClientReportDeliveryEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  reportId!: string;

  @IdColumn()
  clientId!: string;

  @TextColumn(10)
  channel!: DeliveryChannel;

  /** The webhook endpoint; null by email. */
  @IdColumn({ nullable: true })
  endpointId!: string | null;

  /** Where it went when it was made: the report address or the endpoint's URL. */
  @TextColumn(2000)
  target!: string;

  @TextColumn(12)
  status!: ChannelDeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'int', nullable: true })
  lastResponseStatus!: number | null;

  @TextColumn(500, { nullable: true })
  lastError!: string | null;

  @InstantColumn({ nullable: true })
  lastAttemptAt!: Date | null;

  @InstantColumn({ nullable: true })
  nextAttemptAt!: Date | null;

  @InstantColumn({ nullable: true })
  deliveredAt!: Date | null;

  @InstantColumn({ nullable: true })
  failedAt!: Date | null;

  /** The failed delivery this one redelivers. */
  @IdColumn({ nullable: true })
  redeliveryOf!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
