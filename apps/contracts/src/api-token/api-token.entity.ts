import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, PrimaryIdColumn, TextColumn, Audited } from '@azukari/db';
import type { Scope, StaffRole } from '@azukari/common';

export type ApiTokenKind = 'STAFF' | 'PARTNER';

/** An API token: only HMAC-SHA-256(token) is stored; the token itself is shown once. */
@Entity({ name: 'api_token' })
@Audited('ApiToken', { client: 'clientId' })
@Index('UQ_api_token_hmac', ['hmac'], { unique: true })
@Index('IDX_api_token_client', ['clientId', 'id'])
export class ApiTokenEntity {
  @PrimaryIdColumn()
  id!: string;

  @TextColumn(10)
  kind!: ApiTokenKind;

  @TextColumn(100)
  label!: string;

  /** Hex HMAC-SHA-256 of the token under AZUKARI_TOKEN_HMAC_KEY. */
  @Column({ type: 'char', length: 64 })
  hmac!: string;

  /** The first characters, so a person can tell tokens apart. */
  @TextColumn(12)
  displayPrefix!: string;

  @TextColumn(20, { nullable: true })
  role!: StaffRole | null;

  @IdColumn({ nullable: true })
  employeeId!: string | null;

  @IdColumn({ nullable: true })
  clientId!: string | null;

  @Column({ type: 'simple-json' })
  scopes!: Scope[];

  /** The token made from AZUKARI_ADMIN_TOKEN: the one staff token without an employee or expiry. */
  @Column({ type: 'boolean', default: false })
  bootstrap!: boolean;

  @IdColumn({ nullable: true })
  createdByTokenId!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn({ nullable: true })
  expiresAt!: Date | null;

  @InstantColumn({ nullable: true })
  revokedAt!: Date | null;
}
