import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsDate, IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { DateTimeScalar, PageArgs } from '@azukari/service-kit';
import { IncidentCertainty, IncidentKind } from './incident.type';

export const MAX_CONTRACTS_PER_INCIDENT = 100;
export const MAX_SUMMARY_LENGTH = 2000;

@InputType()
export class ReportIncidentInput {
  @Field(() => [ID], {
    description: `The contracts whose entrusted information it touches: 1 to ${MAX_CONTRACTS_PER_INCIDENT}, each once.`,
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CONTRACTS_PER_INCIDENT)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  contractIds!: string[];

  @Field(() => IncidentKind)
  @IsEnum(IncidentKind)
  kind!: IncidentKind;

  @Field(() => IncidentCertainty, { description: 'SUSPECTED is reported as promptly as CONFIRMED (Art 7.1).' })
  @IsEnum(IncidentCertainty)
  certainty!: IncidentCertainty;

  @Field(() => DateTimeScalar, { description: 'When the operator learnt of it; not in the future, not before 2000.' })
  @IsDate()
  detectedAt!: Date;

  @Field({ description: `1 to ${MAX_SUMMARY_LENGTH} characters. Every affected client reads it: name no other client.` })
  @Length(1, MAX_SUMMARY_LENGTH)
  summary!: string;
}

@ArgsType()
export class IncidentsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only incidents that touch this contract.' })
  @IsOptional()
  @IsUUID()
  contractId?: string | null;
}
