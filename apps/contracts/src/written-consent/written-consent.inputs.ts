import { ArrayMaxSize, ArrayMinSize, IsDate, IsEnum, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { SHA256_HEX } from '@azukari/common';
import { DateTimeScalar, PageArgs } from '@azukari/service-kit';
import { WrittenConsentKind, WrittenConsentState } from './written-consent.type';

@InputType({ description: 'A written consent the client grants through the API: the grant is the record, granted now.' })
export class GrantWrittenConsentInput {
  @Field(() => ID)
  @IsUUID()
  contractId!: string;

  @Field(() => WrittenConsentKind)
  @IsEnum(WrittenConsentKind)
  kind!: WrittenConsentKind;

  @Field(() => [String], {
    nullable: true,
    description: 'The purposes it covers, each 1 to 200 characters: required for BEYOND_PURPOSE; omitted: every purpose.',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Length(1, 200, { each: true })
  purposes?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The data assets it covers; omitted: every asset of the contract.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  assetIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The re-entrusted party: required for RE_ENTRUSTMENT, refused for the others.' })
  @IsOptional()
  @IsUUID()
  subcontractorId?: string | null;

  @Field({ description: 'SHA-256 of the signed document, 64 hex digits.' })
  @Matches(SHA256_HEX)
  documentSha256!: string;

  @Field({ description: 'Who grants it at the client, 1 to 200 characters.' })
  @Length(1, 200)
  grantedByName!: string;

  @Field({ description: 'Their title, 1 to 200 characters.' })
  @Length(1, 200)
  grantedByTitle!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it lapses; in the future. Omitted: until revoked.' })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;
}

@InputType({ description: 'A written consent received on paper, recorded by staff.' })
export class RecordWrittenConsentInput extends GrantWrittenConsentInput {
  @Field(() => DateTimeScalar, { description: 'When the client granted it (signed): not in the future.' })
  @IsDate()
  grantedAt!: Date;
}

@InputType()
export class RevokeWrittenConsentInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field({ description: 'Why, 1 to 1,000 characters (e.g. the client withdrew it by letter of ...).' })
  @Length(1, 1000)
  reason!: string;
}

@ArgsType()
export class WrittenConsentsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "One contract's; a partner sees only its own client's." })
  @IsOptional()
  @IsUUID()
  contractId?: string | null;

  @Field(() => WrittenConsentKind, { nullable: true })
  @IsOptional()
  @IsEnum(WrittenConsentKind)
  kind?: WrittenConsentKind | null;

  @Field(() => WrittenConsentState, { nullable: true, description: 'On the clock of contracts.' })
  @IsOptional()
  @IsEnum(WrittenConsentState)
  state?: WrittenConsentState | null;
}

@ArgsType()
export class ContractConsentsArgs {
  @Field(() => WrittenConsentKind, { nullable: true })
  @IsOptional()
  @IsEnum(WrittenConsentKind)
  kind?: WrittenConsentKind | null;

  @Field(() => WrittenConsentState, { nullable: true })
  @IsOptional()
  @IsEnum(WrittenConsentState)
  state?: WrittenConsentState | null;
}
