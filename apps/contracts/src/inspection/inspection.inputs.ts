import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { CALENDAR_DATE_SHAPE, SHA256_HEX } from '@azukari/common';
import { LocalDateScalar, PageArgs } from '@azukari/service-kit';
import { InspectionDeclineReason, InspectionStatus } from './inspection.type';

/** A SHA-256 digest in hex, as `sha256sum` prints it; stored lower-case. */

@InputType({ description: 'A person by role and organization: no name is needed, so none is asked for.' })
export class ParticipantInput {
  @Field({ description: 'e.g. 情報セキュリティ監査担当 / internal auditor.' })
  @Length(1, 200)
  role!: string;

  @Field({ description: 'e.g. the client, or the audit firm it sends.' })
  @Length(1, 200)
  organization!: string;
}

@InputType()
export class RequestInspectionInput {
  @Field(() => [ID], { description: "The contracts to inspect, all of one client; a partner's own." })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  contractIds!: string[];

  @Field(() => [LocalDateScalar], { description: 'Dates proposed, in Japan; each must be after the notice (prior notice, Art 13.2).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Matches(CALENDAR_DATE_SHAPE, { each: true })
  proposedDates!: string[];

  @Field({ description: 'What it is to verify: the implementation of the safety measures, as far as needed (Art 13.2).' })
  @Length(1, 2000)
  purpose!: string;

  @Field(() => [ParticipantInput], { description: 'Who will come, by role and organization.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  inspectors!: ParticipantInput[];

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Staff: the date the paper notice was given. A partner leaves it out: its request is the notice, given today.',
  })
  @IsOptional()
  @Matches(CALENDAR_DATE_SHAPE)
  noticeGivenOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'SHA-256 (hex) of the notice document: required from staff recording a paper notice; a partner may attach its letter.',
  })
  @IsOptional()
  @Matches(SHA256_HEX)
  noticeDocumentSha256?: string | null;
}

@InputType()
export class AcceptInspectionInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => LocalDateScalar, { description: 'One of the proposed dates (another date is a rescheduling).' })
  @Matches(CALENDAR_DATE_SHAPE)
  scheduledOn!: string;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the client must first sign an NDA on the operator's trade secrets (Art 13.3). Defaults to true.",
  })
  @IsOptional()
  @IsBoolean()
  ndaRequired?: boolean | null;
}

@InputType()
export class RescheduleInspectionInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => LocalDateScalar, { description: 'The new date, after today.' })
  @Matches(CALENDAR_DATE_SHAPE)
  scheduledOn!: string;

  @Field({ description: 'Why the date moves; told to the client through the API.' })
  @Length(1, 1000)
  reason!: string;
}

@InputType()
export class DeclineInspectionInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => InspectionDeclineReason)
  @IsEnum(InspectionDeclineReason)
  reason!: InspectionDeclineReason;

  @Field({ description: 'The reason in words, required whichever reason applies.' })
  @Length(1, 1000)
  explanation!: string;
}

@InputType()
export class RecordInspectionNdaInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field({ description: 'SHA-256 (hex) of the signed NDA.' })
  @Matches(SHA256_HEX)
  documentSha256!: string;

  @Field(() => LocalDateScalar, { description: 'When it was signed; not in the future.' })
  @Matches(CALENDAR_DATE_SHAPE)
  signedOn!: string;

  @Field(() => ParticipantInput, { description: 'Who signed for the client, by role and organization.' })
  @ValidateNested()
  signatory!: ParticipantInput;
}

@InputType()
export class AcknowledgeInspectionEntryRulesInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field({ description: 'SHA-256 (hex) of the rules of entry and exit acknowledged.' })
  @Matches(SHA256_HEX)
  rulesSha256!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Staff: the date of the signed acknowledgement. A partner leaves it out: it acknowledges today.',
  })
  @IsOptional()
  @Matches(CALENDAR_DATE_SHAPE)
  acknowledgedOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Staff: SHA-256 of the signed paper acknowledgement (required). A partner leaves it out.',
  })
  @IsOptional()
  @Matches(SHA256_HEX)
  documentSha256?: string | null;
}

@InputType()
export class CompleteInspectionInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => LocalDateScalar, { description: 'When it took place: not before the scheduled date, not in the future.' })
  @Matches(CALENDAR_DATE_SHAPE)
  completedOn!: string;

  @Field({ description: 'What the inspection found, in summary (at most 4,000 characters).' })
  @Length(1, 4000)
  findingsSummary!: string;
}

@InputType()
export class CancelInspectionInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  reason?: string | null;
}

@InputType()
export class RecordInspectionCostDiscussionInput {
  @Field(() => ID)
  @IsUUID()
  inspectionId!: string;

  @Field(() => LocalDateScalar, { description: 'Not in the future.' })
  @Matches(CALENDAR_DATE_SHAPE)
  discussedOn!: string;

  @Field(() => [ParticipantInput], { description: 'Who took part, of both parties, by role and organization.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  participants!: ParticipantInput[];

  @Field({ description: 'What both parties agreed.' })
  @Length(1, 1000)
  agreedOutcome!: string;
}

@InputType()
export class ChargeInspectionCostInput {
  @Field(() => ID)
  @IsUUID()
  inspectionId!: string;

  @Field(() => ID, { nullable: true, description: "The discussion it follows; left out: the inspection's latest." })
  @IsOptional()
  @IsUUID()
  discussionId?: string | null;

  @Field()
  @Length(1, 500)
  description!: string;

  @Field(() => Int, { description: 'In yen, tax included: 1 to 100,000,000.' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amountJpy!: number;
}

@ArgsType()
export class InspectionsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Staff: one client's. A partner always sees its own." })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  contractId?: string | null;

  @Field(() => InspectionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(InspectionStatus)
  status?: InspectionStatus | null;
}
