import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, NotAudited, PrimaryIdColumn, TextColumn } from '@azukari/db';

export type AttemptOutcome = 'DELIVERED' | 'RETRYING' | 'FAILED' | 'GONE';

/** Every try of a delivery and what came of it, as the worker reported it: one row per try. */
@Entity({ name: 'client_report_attempt' })
@NotAudited("an append-only record of the worker's tries; the delivery it belongs to is audited")
@Index('UQ_client_report_attempt_delivery_attempt', ['deliveryId', 'attempt'], { unique: true })
export class ClientReportAttemptEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  deliveryId!: string;

  @IdColumn()
  reportId!: string;

  @IdColumn()
  clientId!: string;

  @Column({ type: 'int' })
  attempt!: number;

  @InstantColumn()
  at!: Date;

  @TextColumn(10)
  outcome!: AttemptOutcome;

  @Column({ type: 'int' })
  durationMs!: number;

  @Column({ type: 'int', nullable: true })
  responseStatus!: number | null;

  @TextColumn(500, { nullable: true })
  error!: string | null;

  @InstantColumn({ nullable: true })
  nextAttemptAt!: Date | null;
}
