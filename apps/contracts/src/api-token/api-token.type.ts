import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@azukari/service-kit';
import { SCOPE_ALLOWS, Scope, StaffRole } from '@azukari/common';
import type { ApiTokenEntity } from './api-token.entity';

export enum ApiTokenKind {
  STAFF = 'STAFF',
  PARTNER = 'PARTNER',
}
registerEnumType(ApiTokenKind, { name: 'ApiTokenKind' });
registerEnumType(StaffRole, { name: 'StaffRole' });
/** The scopes as the schema's enum (its names the keys of Scope, its descriptions SCOPE_ALLOWS). */
export const ApiScope = Scope;
registerEnumType(ApiScope, {
  name: 'ApiScope',
  description: 'What a partner token may do, for its own client only; the enum values are the scopes.',
  valuesConfig: Object.fromEntries(Object.entries(Scope).map(([name, scope]) => [name, { description: SCOPE_ALLOWS[scope] }])),
});

@ObjectType({ description: 'An API token, without its secret (shown once, at creation).' })
export class ApiToken {
  @Field(() => ID)
  id!: string;

  @Field(() => ApiTokenKind)
  kind!: ApiTokenKind;

  @Field()
  label!: string;

  @Field({ description: 'The first characters of the token, to tell tokens apart.' })
  displayPrefix!: string;

  @Field(() => StaffRole, { nullable: true })
  role!: StaffRole | null;

  @Field(() => ID, { nullable: true })
  employeeId!: string | null;

  @Field(() => ID, { nullable: true })
  clientId!: string | null;

  @Field(() => [ApiScope])
  scopes!: string[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType()
export class CreatedApiToken {
  @Field({ description: 'The token itself. It is shown this once and cannot be read again.' })
  token!: string;

  @Field(() => ApiToken)
  apiToken!: ApiToken;
}

export const toApiToken = (row: ApiTokenEntity): ApiToken => ({
  id: row.id,
  kind: row.kind as ApiTokenKind,
  label: row.label,
  displayPrefix: row.displayPrefix,
  role: row.role,
  employeeId: row.employeeId,
  clientId: row.clientId,
  scopes: row.scopes,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  revokedAt: row.revokedAt,
});
