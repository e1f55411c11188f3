import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { CALENDAR_DATE_SHAPE } from '@azukari/common';
import { LocalDateScalar, PageArgs } from '@azukari/service-kit';

@InputType()
export class CreateContractInput {
  @Field(() => ID)
  @IsUUID()
  clientId!: string;

  @Field()
  @Length(1, 300)
  title!: string;

  @Field(() => [String], { description: 'At least one; each 1 to 200 characters.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Length(1, 200, { each: true })
  purposes!: string[];

  @Field(() => LocalDateScalar)
  @Matches(CALENDAR_DATE_SHAPE)
  executedOn!: string;

  @Field(() => LocalDateScalar)
  @Matches(CALENDAR_DATE_SHAPE)
  startsOn!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @Matches(CALENDAR_DATE_SHAPE)
  endsOn?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: created as DRAFT, not in force (nothing may be handled under it) until activateContract. Default false: ACTIVE.',
  })
  @IsOptional()
  @IsBoolean()
  draft?: boolean | null;
}

@InputType()
export class EndContractInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => LocalDateScalar, { description: 'The date the service ended, in Japan: not before it started, not in the future.' })
  @Matches(CALENDAR_DATE_SHAPE)
  endedOn!: string;
}

@InputType()
export class TerminateContractInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => LocalDateScalar, { description: 'The date the service was cut short, in Japan: not before it started, not in the future.' })
  @Matches(CALENDAR_DATE_SHAPE)
  terminatedOn!: string;

  @Field({ description: 'Why, 1 to 1,000 characters. Kept on the contract; never sent in a report.' })
  @Length(1, 1000)
  reason!: string;
}

@InputType()
export class ChangeContractPurposesInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => [String], { description: 'The purposes as they are from now on: at least one; each 1 to 200 characters.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Length(1, 200, { each: true })
  purposes!: string[];

  @Field({ description: 'Why they change (e.g. the amendment agreed), 1 to 1,000 characters.' })
  @Length(1, 1000)
  reason!: string;
}

@ArgsType()
export class ContractsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Staff: one client's contracts. A partner always sees its own." })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;
}
