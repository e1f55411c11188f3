import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CALENDAR_DATE_SHAPE } from '@azukari/common';
import { LocalDateScalar, PageArgs } from '@azukari/service-kit';

export enum ReEntrustmentStatusValue {
  PROPOSED = 'PROPOSED',
  CONSENTED = 'CONSENTED',
  REFUSED = 'REFUSED',
  WITHDRAWN = 'WITHDRAWN',
  ENDED = 'ENDED',
}
registerEnumType(ReEntrustmentStatusValue, {
  name: 'ReEntrustmentStatus',
  description: 'PROPOSED until the client decides in writing; only CONSENTED lets information flow to the subcontractor.',
});

export enum ReEntrustmentDecisionValue {
  CONSENT = 'CONSENT',
  REFUSE = 'REFUSE',
}
registerEnumType(ReEntrustmentDecisionValue, { name: 'ReEntrustmentDecision' });

@InputType()
export class ProposeReEntrustmentInput {
  @Field(() => ID)
  @IsUUID()
  contractId!: string;

  @Field(() => ID)
  @IsUUID()
  subcontractorId!: string;

  @Field({ description: "The part of the handling of the contract's information to re-entrust (1 to 2000 characters)." })
  @Length(1, 2000)
  part!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The date (in Japan) by which an answer is asked for. Past it the proposal shows as overdue; it never consents.',
  })
  @IsOptional()
  @Matches(CALENDAR_DATE_SHAPE)
  answerBy?: string | null;
}

@InputType({
  description:
    "The client's written decision on a proposal. A partner with consents:write decides for its own client; staff enter a decision the client gave on paper.",
})
export class DecideReEntrustmentInput {
  @Field(() => ID)
  @IsUUID()
  reEntrustmentId!: string;

  @Field(() => ReEntrustmentDecisionValue)
  @IsEnum(ReEntrustmentDecisionValue)
  decision!: ReEntrustmentDecisionValue;

  @Field(() => String, { nullable: true, description: 'SHA-256 (64 hex digits) of the signed decision; required to consent.' })
  @IsOptional()
  @MaxLength(64)
  documentSha256?: string | null;

  @Field(() => String, { nullable: true, description: 'Who signed the decision at the client (name and title); required to consent.' })
  @IsOptional()
  @MaxLength(200)
  signedBy?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  comment?: string | null;
}

@InputType()
export class CloseReEntrustmentInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}

@InputType()
export class AddFlowDownObligationInput {
  @Field(() => ID)
  @IsUUID()
  reEntrustmentId!: string;

  @Field({ description: 'The paragraph of the Regulations it is equivalent to, e.g. `Art 5.1`.' })
  @MaxLength(20)
  article!: string;

  @Field({ description: 'The obligation imposed on the subcontractor (1 to 2000 characters).' })
  @Length(1, 2000)
  obligation!: string;
}

@InputType()
export class FollowUpInput {
  @Field({ description: 'What the subcontractor is to do (1 to 2000 characters).' })
  @Length(1, 2000)
  action!: string;

  @Field(() => LocalDateScalar)
  @Matches(CALENDAR_DATE_SHAPE)
  dueOn!: string;
}

@InputType()
export class RecordSupervisionReviewInput {
  @Field(() => ID)
  @IsUUID()
  reEntrustmentId!: string;

  @Field(() => LocalDateScalar, { description: 'The date of the review, in Japan; not in the future.' })
  @Matches(CALENDAR_DATE_SHAPE)
  reviewedOn!: string;

  @Field({ description: 'Who reviewed (1 to 200 characters).' })
  @Length(1, 200)
  reviewer!: string;

  @Field({ description: 'What the review found (1 to 4000 characters).' })
  @Length(1, 4000)
  findings!: string;

  @Field(() => [FollowUpInput], { nullable: true, description: 'What the review asks of the subcontractor, each with its due date.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  followUps?: FollowUpInput[] | null;
}

@InputType()
export class CloseFollowUpInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field({ description: 'How it was done (1 to 2000 characters).' })
  @Length(1, 2000)
  note!: string;
}

@InputType({ description: "A subcontractor's report on its safety measures and compliance (Art 13.6)." })
export class RecordSubcontractorReportInput {
  @Field(() => ID)
  @IsUUID()
  subcontractorId!: string;

  @Field(() => LocalDateScalar, { description: 'When the operator received it, in Japan; not in the future.' })
  @Matches(CALENDAR_DATE_SHAPE)
  receivedOn!: string;

  @Field({ description: 'What it reports (1 to 4000 characters); forwarded to each client.' })
  @Length(1, 4000)
  summary!: string;

  @Field({ description: "SHA-256 (64 hex digits) of the subcontractor's document." })
  @MaxLength(64)
  documentSha256!: string;
}

@InputType({ description: "The client's instructions or guidance to a subcontractor, in answer to its forwarded report (Art 13.6)." })
export class InstructSubcontractorInput {
  @Field(() => ID)
  @IsUUID()
  reportId!: string;

  @Field({ description: '1 to 4000 characters.' })
  @Length(1, 4000)
  instructions!: string;
}

@ArgsType()
export class ReEntrustmentsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Staff: one client's. A partner always sees its own." })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  contractId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  subcontractorId?: string | null;

  @Field(() => ReEntrustmentStatusValue, { nullable: true })
  @IsOptional()
  @IsEnum(ReEntrustmentStatusValue)
  status?: ReEntrustmentStatusValue | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only proposals still unanswered past their answer date (still PROPOSED: silence never consents).',
  })
  @IsOptional()
  @IsBoolean()
  answerOverdue?: boolean | null;
}
