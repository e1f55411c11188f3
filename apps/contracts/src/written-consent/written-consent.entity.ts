import { Column, Entity, Index } from 'typeorm';
import { Audited, IdColumn, InstantColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';
import type { ConsentKind } from '@azukari/routes';

/**
 * PAPER: received signed and recorded by staff; API: granted by the client's own partner token, the
 * grant being the record; EMAIL_LINK: the client's answer to a re-entrustment proposal through its
 * report email's signed link, the answer being the record.
 */
export type ConsentSource = 'PAPER' | 'API' | 'EMAIL_LINK';

/**
 * A client's prior written consent under one contract (Art 2.1 with 4, Art 3, Art 6.1): its kind,
 * its scope (purposes, assets, the subcontractor of a re-entrustment), the SHA-256 of the signed
 * document, who granted it at the client and when, its expiry, and its revocation. There is no
 * consent to disclosure: Art 2.2 gives it no route.
 */
@Entity({ name: 'written_consent' })
@Audited('WrittenConsent', { client: 'clientId' })
@Index('IDX_written_consent_client', ['clientId', 'id'])
@Index('IDX_written_consent_contract', ['contractId', 'kind'])
export class WrittenConsentEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  @IdColumn()
  contractId!: string;

  @TextColumn(20)
  kind!: ConsentKind;

  /** The purposes it covers, as a JSON array; null: every purpose (TAKE_OUT, RE_ENTRUSTMENT only). */
  @Column({ type: 'text', nullable: true })
  purposes!: string | null;

  /** The data assets it covers, as a JSON array of ids; null: every asset of the contract. */
  @Column({ type: 'text', nullable: true })
  assetIds!: string | null;

  /** The re-entrusted party (RE_ENTRUSTMENT only), a subcontractor id. */
  @IdColumn({ nullable: true })
  subcontractorId!: string | null;

  /** SHA-256 of the signed document, lower-case hex. */
  @TextColumn(64)
  documentSha256!: string;

  @TextColumn(200)
  grantedByName!: string;

  /** Null where the written decision gave the signer as one line (a re-entrustment's decision). */
  @TextColumn(200, { nullable: true })
  grantedByTitle!: string | null;

  @InstantColumn()
  grantedAt!: Date;

  @InstantColumn({ nullable: true })
  expiresAt!: Date | null;

  @TextColumn(10)
  source!: ConsentSource;

  /** The token that recorded it (a staff token) or granted it (the client's partner token); null when answered by an email link. */
  @IdColumn({ nullable: true })
  recordedByTokenId!: string | null;

  /** The address the report email's link was sent to, when the consent was given through it. */
  @TextColumn(320, { nullable: true })
  recordedByAddress!: string | null;

  @IdColumn({ nullable: true })
  recordedByEmployeeId!: string | null;

  @InstantColumn({ nullable: true })
  revokedAt!: Date | null;

  @IdColumn({ nullable: true })
  revokedByTokenId!: string | null;

  @IdColumn({ nullable: true })
  revokedByEmployeeId!: string | null;

  @TextColumn(1000, { nullable: true })
  revocationReason!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
