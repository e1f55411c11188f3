import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { ReportAnswerKind } from '../client-report/report-answer';
import { ReportAnswer } from './report-answer.type';

@InputType()
export class AnswerClientReportInput {
  @Field(() => ID)
  @IsUUID()
  reportId!: string;

  @Field(() => ReportAnswer, { description: "One of the report's answersOffered." })
  @IsEnum(ReportAnswer)
  answer!: ReportAnswerKind;

  @Field(() => String, { nullable: true, description: 'At most 2,000 characters; required with COMMENT.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string | null;
}
