import { Entity, Index } from 'typeorm';
import { InstantColumn, PrimaryIdColumn, TextColumn, Audited } from '@azukari/db';

/** The languages a report email is written in. */
export type ReportLanguage = 'ja' | 'en';

/** The client (the regulations' "User"): the company that entrusts personal information. */
@Entity({ name: 'client' })
@Audited('Client', { client: 'id' })
@Index('UQ_client_name', ['name'], { unique: true })
export class ClientEntity {
  @PrimaryIdColumn()
  id!: string;

  /** utf8mb4_bin: 株式会社ハシモト and 株式会社パシモト are two clients. */
  @TextColumn(200)
  name!: string;

  @TextColumn(500)
  address!: string;

  /** Stored lower-cased. */
  @TextColumn(254)
  reportEmail!: string;

  /** The language of its reports by email: ja or en. */
  @TextColumn(2, { default: 'ja' })
  language!: ReportLanguage;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
