import { Entity, Index } from 'typeorm';
import { InstantColumn, PrimaryIdColumn, TextColumn, Audited } from '@azukari/db';

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

  @TextColumn(2000, { nullable: true })
  webhookUrl!: string | null;

  /** The Standard Webhooks signing secret, AES-256-GCM encrypted (secret-box.ts). */
  @TextColumn(400, { nullable: true })
  webhookSecretSealed!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
