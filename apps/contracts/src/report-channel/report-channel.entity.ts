import { Column, Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';

/**
 * How a client wants one kind of report (or, with kind `*`, every kind it has not named): by email
 * to its report address, by its webhook endpoints, or both. Without a choice, both.
 */
@Entity({ name: 'report_channel_choice' })
@Audited('ReportChannelChoice', { client: 'clientId' })
@Index('UQ_report_channel_choice_client_kind', ['clientId', 'kind'], { unique: true })
export class ReportChannelChoiceEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  /** A kind of report (incident.reported), or `*` for every kind not named. */
  @TextColumn(100)
  kind!: string;

  @Column({ type: 'boolean' })
  email!: boolean;

  @Column({ type: 'boolean' })
  webhook!: boolean;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
