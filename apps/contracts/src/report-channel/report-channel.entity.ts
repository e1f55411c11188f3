import { Column, Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';

/**
 * How a client wants one kind of report (or, with kind `*`, every kind it has not named): by email
 * to its report address or the recipients it names, by its webhook endpoints, or both. Without a
 * choice, both, by email to the report address.
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

  /**
   * Who receives it by email, as a JSON array of addresses (lower-cased); null: the client's report
   * address as it is when the report is made. Each recipient gets an email (and links) of its own.
   */
  @Column({ type: 'text', nullable: true })
  recipients!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
