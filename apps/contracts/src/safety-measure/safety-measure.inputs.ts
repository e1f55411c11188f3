import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { PageArgs } from '@azukari/service-kit';
import { MAX_DESCRIPTION_LENGTH, MAX_OWNER_LENGTH, MAX_SUMMARY_LENGTH, MAX_TITLE_LENGTH } from './safety-measure.entity';
import { SafetyMeasureCategory, SafetyMeasureStatus } from './safety-measure.type';

export const MAX_CONTRACTS_PER_APPLICATION = 500;

@InputType()
export class CreateSafetyMeasureInput {
  @Field(() => ID, {
    nullable: true,
    description:
      "A contract-specific addition of this contract; omitted: a measure of the operator's catalogue, applied to contracts later.",
  })
  @IsOptional()
  @IsUUID()
  contractId?: string | null;

  @Field(() => SafetyMeasureCategory)
  @IsEnum(SafetyMeasureCategory)
  category!: SafetyMeasureCategory;

  @Field({ description: `1 to ${MAX_TITLE_LENGTH} characters.` })
  @Length(1, MAX_TITLE_LENGTH)
  title!: string;

  @Field({ description: `1 to ${MAX_DESCRIPTION_LENGTH} characters: what is done, where and how often.` })
  @Length(1, MAX_DESCRIPTION_LENGTH)
  description!: string;

  @Field({ description: `Who is responsible for it (a role or a person), 1 to ${MAX_OWNER_LENGTH} characters.` })
  @Length(1, MAX_OWNER_LENGTH)
  owner!: string;

  @Field(() => String, {
    nullable: true,
    description: `The summary of the change for version 1, up to ${MAX_SUMMARY_LENGTH} characters; a contract's addition is reported to its client with it.`,
  })
  @IsOptional()
  @Length(1, MAX_SUMMARY_LENGTH)
  changeSummary?: string | null;
}

@InputType({ description: 'A new version: what to change (a field left out stays as it is) and why.' })
export class ChangeSafetyMeasureInput {
  @Field(() => SafetyMeasureCategory, { nullable: true })
  @IsOptional()
  @IsEnum(SafetyMeasureCategory)
  category?: SafetyMeasureCategory | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, MAX_TITLE_LENGTH)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, MAX_DESCRIPTION_LENGTH)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, MAX_OWNER_LENGTH)
  owner?: string | null;

  @Field({ description: `What changed, 1 to ${MAX_SUMMARY_LENGTH} characters: every client concerned is told it (Art 5.2).` })
  @Length(1, MAX_SUMMARY_LENGTH)
  changeSummary!: string;
}

@InputType({ description: "A catalogue measure to apply to (or take off) contracts; each contract's client is told (Art 5.2)." })
export class ApplySafetyMeasureInput {
  @Field(() => ID)
  @IsUUID()
  measureId!: string;

  @Field(() => [ID], { description: `1 to ${MAX_CONTRACTS_PER_APPLICATION} contracts, each once.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CONTRACTS_PER_APPLICATION)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  contractIds!: string[];

  @Field(() => String, { nullable: true, description: `Why, up to ${MAX_SUMMARY_LENGTH} characters; reported with the change.` })
  @IsOptional()
  @Length(1, MAX_SUMMARY_LENGTH)
  changeSummary?: string | null;
}

@ArgsType()
export class SafetyMeasuresArgs extends PageArgs {
  @Field(() => SafetyMeasureCategory, { nullable: true })
  @IsOptional()
  @IsEnum(SafetyMeasureCategory)
  category?: SafetyMeasureCategory | null;

  @Field(() => SafetyMeasureStatus, { nullable: true })
  @IsOptional()
  @IsEnum(SafetyMeasureStatus)
  status?: SafetyMeasureStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'true: the catalogue only; false: contract-specific additions only.' })
  @IsOptional()
  @IsBoolean()
  catalogue?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only those applying to this contract now (catalogue measures applied to it, and its additions).',
  })
  @IsOptional()
  @IsUUID()
  contractId?: string | null;
}
