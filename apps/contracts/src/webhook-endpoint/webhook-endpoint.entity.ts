import { Column, Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';

/**
 * Where a client's reports are delivered, signed as Standard Webhooks specifies. A client has any
 * number of endpoints, each for the kinds of report it names (or all). While a secret is rotated,
 * the previous one keeps signing beside the new one until its overlap ends.
 */
@Entity({ name: 'webhook_endpoint' })
@Audited('WebhookEndpoint', { client: 'clientId' })
@Index('IDX_webhook_endpoint_client', ['clientId', 'id'])
export class WebhookEndpointEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  @TextColumn(2000)
  url!: string;

  /** The kinds of report it receives, as a JSON array; null: every kind. */
  @Column({ type: 'text', nullable: true })
  kinds!: string | null;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  /** Why it was disabled, when the system disabled it (e.g. it answered 410 Gone). */
  @TextColumn(300, { nullable: true })
  disabledReason!: string | null;

  @InstantColumn({ nullable: true })
  disabledAt!: Date | null;

  /** The Standard Webhooks signing secret, AES-256-GCM encrypted (SecretBox, @azukari/common). */
  @TextColumn(400)
  secretSealed!: string;

  /** The secret before the last rotation, signing beside the new one until `previousSecretExpiresAt`. */
  @TextColumn(400, { nullable: true })
  previousSecretSealed!: string | null;

  @InstantColumn({ nullable: true })
  previousSecretExpiresAt!: Date | null;

  @InstantColumn()
  secretCreatedAt!: Date;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
