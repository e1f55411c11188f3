import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { isStaff, type Principal } from '@azukari/common';
import { DateTimeScalar } from '@azukari/service-kit';
import type { ConsentSource, WrittenConsentEntity } from './written-consent.entity';

export enum WrittenConsentKind {
  BEYOND_PURPOSE = 'BEYOND_PURPOSE',
  TAKE_OUT = 'TAKE_OUT',
  RE_ENTRUSTMENT = 'RE_ENTRUSTMENT',
}
registerEnumType(WrittenConsentKind, {
  name: 'WrittenConsentKind',
  description: 'What a written consent allows. There is none for disclosure: Art 2.2 gives it no route.',
  valuesConfig: {
    BEYOND_PURPOSE: { description: 'Use, copying, duplication or modification beyond the service purposes (Art 2.1, read with Art 4).' },
    TAKE_OUT: { description: 'Taking personal information off the premises (Art 3).' },
    RE_ENTRUSTMENT: { description: 'Re-entrusting its handling to one named subcontractor (Art 6.1).' },
  },
});

export type ConsentState = 'CURRENT' | 'EXPIRED' | 'REVOKED';
export enum WrittenConsentState {
  CURRENT = 'CURRENT',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(WrittenConsentState, {
  name: 'WrittenConsentState',
  description: 'On the clock of contracts: REVOKED once revoked, EXPIRED from its expiry, CURRENT otherwise.',
});

export enum WrittenConsentSource {
  PAPER = 'PAPER',
  API = 'API',
  EMAIL_LINK = 'EMAIL_LINK',
}
registerEnumType(WrittenConsentSource, {
  name: 'WrittenConsentSource',
  description:
    "PAPER: received signed and recorded by staff. API: granted by the client through a consents:write token. EMAIL_LINK: given by answering a re-entrustment proposal through its report email's signed link.",
});

/** The consent's state at `now`. */
export const consentState = (row: Pick<WrittenConsentEntity, 'revokedAt' | 'expiresAt'>, now: Date): ConsentState =>
  row.revokedAt ? 'REVOKED' : row.expiresAt && row.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : 'CURRENT';

export const listOf = (column: string | null): string[] | null => (column === null ? null : (JSON.parse(column) as string[]));

@ObjectType({ description: "A client's prior written consent under one contract (Art 2.1, 3, 6.1)." })
export class WrittenConsent {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  clientId!: string;

  @Field(() => ID)
  contractId!: string;

  @Field(() => WrittenConsentKind)
  kind!: WrittenConsentKind;

  @Field(() => WrittenConsentState)
  state!: ConsentState;

  @Field(() => [String], { nullable: true, description: 'The purposes it covers; null: every purpose (TAKE_OUT, RE_ENTRUSTMENT).' })
  purposes!: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The data assets it covers; null: every asset of the contract.' })
  assetIds!: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The re-entrusted party of a RE_ENTRUSTMENT consent.' })
  subcontractorId!: string | null;

  @Field({ description: 'SHA-256 of the signed document, lower-case hex.' })
  documentSha256!: string;

  @Field({ description: 'Who granted it at the client.' })
  grantedByName!: string;

  @Field(() => String, { nullable: true, description: 'Their title at the client, where given apart from the name.' })
  grantedByTitle!: string | null;

  @Field(() => DateTimeScalar)
  grantedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => WrittenConsentSource)
  source!: ConsentSource;

  @Field(() => ID, {
    nullable: true,
    description: 'The token that recorded (staff) or granted (the client) it; null when given through an email link.',
  })
  recordedByTokenId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The address the report email went to, when the consent was given through its link.',
  })
  recordedByAddress!: string | null;

  @Field(() => ID, { nullable: true, description: 'The employee behind a staff token (staff only).' })
  recordedByEmployeeId!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => ID, { nullable: true })
  revokedByTokenId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The employee behind a staff token (staff only).' })
  revokedByEmployeeId!: string | null;

  @Field(() => String, { nullable: true })
  revocationReason!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

/** The consent at `now` as `viewer` may see it: which employee recorded or revoked it is the operator's, shown to staff only. */
export const toWrittenConsent = (row: WrittenConsentEntity, now: Date, viewer: Principal | null): WrittenConsent => ({
  id: row.id,
  clientId: row.clientId,
  contractId: row.contractId,
  kind: row.kind as WrittenConsentKind,
  state: consentState(row, now),
  purposes: listOf(row.purposes),
  assetIds: listOf(row.assetIds),
  subcontractorId: row.subcontractorId,
  documentSha256: row.documentSha256,
  grantedByName: row.grantedByName,
  grantedByTitle: row.grantedByTitle,
  grantedAt: row.grantedAt,
  expiresAt: row.expiresAt,
  source: row.source,
  recordedByTokenId: row.recordedByTokenId,
  recordedByAddress: row.recordedByAddress,
  recordedByEmployeeId: viewer && isStaff(viewer) ? row.recordedByEmployeeId : null,
  revokedAt: row.revokedAt,
  revokedByTokenId: row.revokedByTokenId,
  revokedByEmployeeId: viewer && isStaff(viewer) ? row.revokedByEmployeeId : null,
  revocationReason: row.revocationReason,
  createdAt: row.createdAt,
});
