import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, Matches } from 'class-validator';
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
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  executedOn!: string;

  @Field(() => LocalDateScalar)
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  startsOn!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  endsOn?: string | null;
}

@ArgsType()
export class ContractsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Staff: one client's contracts. A partner always sees its own." })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;
}
