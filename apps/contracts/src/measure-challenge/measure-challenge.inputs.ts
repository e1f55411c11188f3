import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, ArrayUnique, IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { PageArgs } from '@azukari/service-kit';
import { MAX_MESSAGE_LENGTH, MAX_OUTCOME_LENGTH, MAX_SERVICE_NOTE_LENGTH } from './measure-challenge.entity';
import { SafetyMeasureChallengeOutcome, SafetyMeasureChallengeStatus } from './measure-challenge.type';

export const MAX_CHALLENGED_CONTRACTS = 500;

@InputType({
  description: 'What the client finds insufficient: a change report it answers, a measure, or (neither) the measures as a whole.',
})
export class ChallengeSafetyMeasuresInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The safety-measures.changed report it answers; its measure and contracts are taken from it.',
  })
  @IsOptional()
  @IsUUID()
  reportId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A measure in force on one of its contracts.' })
  @IsOptional()
  @IsUUID()
  measureId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Its contracts concerned; by default those the measure (or the report) concerns.' })
  @IsOptional()
  @ArrayMaxSize(MAX_CHALLENGED_CONTRACTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  contractIds?: string[] | null;

  @Field({ description: `Why the measures are insufficient, 1 to ${MAX_MESSAGE_LENGTH} characters: the thread's first message.` })
  @Length(1, MAX_MESSAGE_LENGTH)
  message!: string;
}

@InputType({ description: 'The content, scale and fees of the service, noted for the discussion (Art 5.3); a field left out stays.' })
export class SafetyMeasureChallengeServiceInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, MAX_SERVICE_NOTE_LENGTH)
  serviceContent?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, MAX_SERVICE_NOTE_LENGTH)
  serviceScale?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, MAX_SERVICE_NOTE_LENGTH)
  serviceFees?: string | null;
}

@InputType({ description: 'How the discussion ended; the content, scale and fees of the service must be noted by then (here or before).' })
export class CloseSafetyMeasureChallengeInput extends SafetyMeasureChallengeServiceInput {
  @Field(() => SafetyMeasureChallengeOutcome)
  @IsEnum(SafetyMeasureChallengeOutcome)
  outcome!: SafetyMeasureChallengeOutcome;

  @Field({ description: `What was settled, 1 to ${MAX_OUTCOME_LENGTH} characters.` })
  @Length(1, MAX_OUTCOME_LENGTH)
  outcomeText!: string;
}

@ArgsType()
export class SafetyMeasureChallengesArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;

  @Field(() => SafetyMeasureChallengeStatus, { nullable: true })
  @IsOptional()
  @IsEnum(SafetyMeasureChallengeStatus)
  status?: SafetyMeasureChallengeStatus | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  measureId?: string | null;
}
