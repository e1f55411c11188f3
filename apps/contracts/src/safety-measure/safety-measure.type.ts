import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@azukari/service-kit';
import type { SafetyMeasureContentColumns, SafetyMeasureEntity } from './safety-measure.entity';
import type { SafetyMeasureVersionEntity } from './safety-measure-version.entity';
import type { MeasureOnContract } from './safety-measure.repository';

export enum SafetyMeasureCategory {
  ORGANIZATIONAL = 'ORGANIZATIONAL',
  HUMAN = 'HUMAN',
  PHYSICAL = 'PHYSICAL',
  TECHNICAL = 'TECHNICAL',
}
registerEnumType(SafetyMeasureCategory, {
  name: 'SafetyMeasureCategory',
  description: 'The four kinds of safety management measure of Art 5.1.',
  valuesConfig: {
    ORGANIZATIONAL: { description: 'Rules, responsibilities, handling procedures, their review and the response to incidents.' },
    HUMAN: { description: 'Education and supervision of the people who handle the information, their confidentiality.' },
    PHYSICAL: { description: 'Controlled areas, entry, devices and media: their protection, carrying and disposal.' },
    TECHNICAL: { description: 'Access control, identification and authentication, protection from unauthorised access, logging.' },
  },
});

export enum SafetyMeasureStatus {
  ACTIVE = 'ACTIVE',
  RETIRED = 'RETIRED',
}
registerEnumType(SafetyMeasureStatus, { name: 'SafetyMeasureStatus', description: 'RETIRED: no longer taken; kept with its versions.' });

export enum SafetyMeasureChangeKind {
  CREATED = 'CREATED',
  CHANGED = 'CHANGED',
  RETIRED = 'RETIRED',
}
registerEnumType(SafetyMeasureChangeKind, { name: 'SafetyMeasureChangeKind' });

/** What a measure says: shared by the measure, each of its versions, and the measure as shown on a contract. */
@ObjectType()
abstract class SafetyMeasureContent {
  @Field(() => SafetyMeasureCategory)
  category!: SafetyMeasureCategory;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field({ description: 'Who is responsible for it, as the operator names the role or person.' })
  owner!: string;
}

@ObjectType({ description: 'One version of a safety measure: its content then, and the change that made it.' })
export class SafetyMeasureVersion extends SafetyMeasureContent {
  @Field(() => Int)
  version!: number;

  @Field(() => SafetyMeasureChangeKind)
  changeKind!: SafetyMeasureChangeKind;

  @Field({ description: 'What changed, as reported to the clients concerned (Art 5.2).' })
  changeSummary!: string;

  @Field(() => SafetyMeasureStatus)
  status!: SafetyMeasureStatus;

  @Field(() => DateTimeScalar)
  changedAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The employee who made the change; null for the bootstrap admin token.' })
  changedByEmployeeId!: string | null;

  @Field(() => ID, { description: 'The staff token the change was made with.' })
  changedByTokenId!: string;
}

@ObjectType({
  description:
    "A safety management measure (Art 5.1): the operator's catalogue, applied to contracts, or a contract-specific addition. Its fields are the version in force.",
})
export class SafetyMeasure extends SafetyMeasureContent {
  @Field(() => ID)
  id!: string;

  @Field({ description: "true: the operator's catalogue, applied to contracts; false: an addition of one contract." })
  catalogue!: boolean;

  @Field(() => ID, { nullable: true, description: 'The contract of a contract-specific addition.' })
  contractId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The client of a contract-specific addition.' })
  clientId!: string | null;

  @Field(() => Int, { description: 'The version in force.' })
  version!: number;

  @Field(() => SafetyMeasureStatus)
  status!: SafetyMeasureStatus;

  @Field(() => DateTimeScalar, { nullable: true })
  retiredAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the version in force was made.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A safety measure in force on a contract, at the version in force.' })
export class ContractSafetyMeasure extends SafetyMeasureContent {
  @Field(() => ID)
  measureId!: string;

  @Field({ description: "true: one of the operator's catalogue measures applied to the contract; false: the contract's own addition." })
  catalogue!: boolean;

  @Field(() => Int, { description: 'The version in force.' })
  version!: number;

  @Field(() => DateTimeScalar, { description: 'Since when this version is in force.' })
  versionSince!: Date;

  @Field(() => DateTimeScalar, { description: 'Since when the measure applies to the contract.' })
  appliedAt!: Date;
}

const contentOf = (row: SafetyMeasureContentColumns): SafetyMeasureContent => ({
  category: row.category as SafetyMeasureCategory,
  title: row.title,
  description: row.description,
  owner: row.owner,
});

export const toSafetyMeasure = (row: SafetyMeasureEntity): SafetyMeasure => ({
  id: row.id,
  catalogue: row.contractId === null,
  contractId: row.contractId,
  clientId: row.clientId,
  ...contentOf(row),
  version: row.version,
  status: row.status as SafetyMeasureStatus,
  retiredAt: row.retiredAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export const toSafetyMeasureVersion = (row: SafetyMeasureVersionEntity): SafetyMeasureVersion => ({
  version: row.version,
  changeKind: row.changeKind as SafetyMeasureChangeKind,
  changeSummary: row.changeSummary,
  ...contentOf(row),
  status: row.status as SafetyMeasureStatus,
  changedAt: row.changedAt,
  changedByEmployeeId: row.changedByEmployeeId,
  changedByTokenId: row.changedByTokenId,
});

export const toContractSafetyMeasure = ({ measure, appliedAt }: MeasureOnContract): ContractSafetyMeasure => ({
  measureId: measure.id,
  catalogue: measure.contractId === null,
  ...contentOf(measure),
  version: measure.version,
  versionSince: measure.updatedAt,
  appliedAt,
});
