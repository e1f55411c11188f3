import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsEnum, IsIn, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { ALL_SCOPES, StaffRole } from '@azukari/common';
import { ApiScope, ApiTokenKind } from './api-token.type';

@InputType()
export class CreateApiTokenInput {
  @Field(() => ApiTokenKind)
  @IsEnum(ApiTokenKind)
  kind!: ApiTokenKind;

  @Field({ description: 'What the token is for, e.g. "ACME nightly sync".' })
  @Length(1, 100)
  label!: string;

  @Field(() => StaffRole, { nullable: true, description: 'STAFF: the role.' })
  @IsOptional()
  @IsEnum(StaffRole)
  role?: StaffRole | null;

  @Field(() => ID, { nullable: true, description: 'STAFF: the employee the token acts for.' })
  @IsOptional()
  @IsUUID()
  employeeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'PARTNER: the client the token belongs to.' })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;

  @Field(() => [ApiScope], { nullable: true, description: 'PARTNER: at least one scope.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsIn(ALL_SCOPES as string[], { each: true })
  scopes?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Days until it expires: 1 to 365; by default AZUKARI_TOKEN_DEFAULT_DAYS.' })
  @IsOptional()
  @Min(1)
  @Max(365)
  expiresInDays?: number | null;
}
