import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { isStaff, type Principal } from '@azukari/common';
import { DateTimeScalar, LocalDateScalar } from '@azukari/service-kit';
import type { ContractEntity, ContractStatus as Status } from './contract.entity';
import type { ContractPurposeVersionEntity } from './contract-purpose-version.entity';

export enum ContractStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
  TERMINATED = 'TERMINATED',
}
registerEnumType(ContractStatus, {
  name: 'ContractStatus',
  description: 'A contract lives DRAFT → ACTIVE → ENDED or TERMINATED. Only an ACTIVE contract allows new handling.',
  valuesConfig: {
    DRAFT: { description: 'Entered, not yet in force: nothing may be handled under it.' },
    ACTIVE: { description: 'In force.' },
    ENDED: { description: 'The service ran its course (serviceEndedOn); its data is to be returned or disposed of (Art 9.1).' },
    TERMINATED: { description: 'The service was cut short (serviceEndedOn, terminationReason); as ENDED for its data.' },
  },
});

@ObjectType({ description: "One version of a contract's permitted purposes (Art 2.1, 4): when, by whom and why it changed." })
export class ContractPurposeVersion {
  @Field(() => Int, { description: '1 as the contract was entered, one more for each change.' })
  version!: number;

  @Field(() => [String])
  purposes!: string[];

  @Field(() => String, { nullable: true, description: 'Why they changed; null for version 1.' })
  reason!: string | null;

  @Field(() => DateTimeScalar)
  changedAt!: Date;

  @Field(() => ID, {
    nullable: true,
    description: 'The API token that made the change; null for the version 1 of a contract made before versions were kept.',
  })
  changedByTokenId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The employee behind that staff token (staff only); null for the bootstrap admin token, and to partners.',
  })
  changedByEmployeeId!: string | null;
}

/**
 * The version as `viewer` may see it: the employee behind a change is the operator's, so a partner
 * sees the token that made it but not which employee held it.
 */
export const toContractPurposeVersion = (row: ContractPurposeVersionEntity, viewer: Principal | null): ContractPurposeVersion => ({
  version: row.version,
  purposes: row.purposes,
  reason: row.reason,
  changedAt: row.changedAt,
  changedByTokenId: row.changedByTokenId,
  changedByEmployeeId: viewer && isStaff(viewer) ? row.changedByEmployeeId : null,
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A contract with one client, and the service purposes it permits.' })
export class Contract {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  clientId!: string;

  @Field()
  title!: string;

  @Field(() => [String], { description: 'The purposes of the service (Art 2.1, Art 4), as of the current purpose version.' })
  purposes!: string[];

  @Field(() => Int, { description: 'The current version of the purposes (see purposeVersions).' })
  purposeVersion!: number;

  @Field(() => LocalDateScalar, { description: 'Date of execution, in Japan; the annual report (Art 13.1) counts from it.' })
  executedOn!: string;

  @Field(() => LocalDateScalar)
  startsOn!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  endsOn!: string | null;

  @Field(() => ContractStatus)
  status!: Status;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The date the service ended or was cut short (ENDED, TERMINATED).' })
  serviceEndedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was terminated (TERMINATED).' })
  terminationReason!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export const toContract = (row: ContractEntity): Contract => ({
  id: row.id,
  clientId: row.clientId,
  title: row.title,
  purposes: row.purposes,
  purposeVersion: row.purposeVersion,
  executedOn: row.executedOn,
  startsOn: row.startsOn,
  endsOn: row.endsOn,
  status: row.status,
  serviceEndedOn: row.serviceEndedOn,
  terminationReason: row.terminationReason,
  createdAt: row.createdAt,
});
