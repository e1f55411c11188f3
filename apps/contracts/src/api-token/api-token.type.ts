import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@azukari/service-kit';
import { Scope, StaffRole } from '@azukari/common';
import type { ApiTokenEntity } from './api-token.entity';

export enum ApiTokenKind {
  STAFF = 'STAFF',
  PARTNER = 'PARTNER',
}
registerEnumType(ApiTokenKind, { name: 'ApiTokenKind' });
registerEnumType(StaffRole, { name: 'StaffRole' });
export const ApiScope = {
  CONTRACTS_READ: Scope.CONTRACTS_READ,
  CUSTODY_READ: Scope.CUSTODY_READ,
  CUSTODY_WRITE: Scope.CUSTODY_WRITE,
  INCIDENTS_READ: Scope.INCIDENTS_READ,
  AUDIT_READ: Scope.AUDIT_READ,
  WEBHOOKS_WRITE: Scope.WEBHOOKS_WRITE,
  CONSENTS_WRITE: Scope.CONSENTS_WRITE,
};
registerEnumType(ApiScope, { name: 'ApiScope', description: 'What a partner token may do; the enum values are the scopes.' });

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
