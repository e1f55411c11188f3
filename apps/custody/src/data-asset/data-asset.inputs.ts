import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsDate, IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { DateTimeScalar, PageArgs } from '@azukari/service-kit';
import { DataAssetForm, DataAssetStatus } from './data-asset.type';

@InputType()
export class RegisterAssetInput {
  @Field(() => ID)
  @IsUUID()
  contractId!: string;

  @Field({ description: '1 to 200 characters.' })
  @Length(1, 200)
  name!: string;

  @Field(() => DataAssetForm)
  @IsEnum(DataAssetForm)
  form!: DataAssetForm;

  @Field({ description: 'Where it is kept; 1 to 300 characters.' })
  @Length(1, 300)
  location!: string;

  @Field(() => Int, { description: '0 or more.' })
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  recordCount!: number;

  @Field(() => DateTimeScalar, { description: 'When it was received from the client; not in the future.' })
  @IsDate()
  receivedAt!: Date;

  @Field(() => ID, {
    nullable: true,
    description: 'Staff only: the employee who keeps it. Personnel checks the employee and records the custodianship.',
  })
  @IsOptional()
  @IsUUID()
  custodianId?: string | null;
}

@ArgsType()
export class AssetsArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  contractId!: string;

  @Field(() => DataAssetStatus, { nullable: true, description: 'Only assets in this status: those still held, say, before disposal.' })
  @IsOptional()
  @IsEnum(DataAssetStatus)
  status?: DataAssetStatus | null;
}
