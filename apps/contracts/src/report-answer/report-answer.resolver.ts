import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DomainError, ErrorCode } from '@azukari/common';
import { connectionOf, decodeCursor, PageArgs, toPage } from '@azukari/service-kit';
import type { ContractsContext } from '../context';
import type { ReportAnswerKind } from '../client-report/report-answer';
import { ClientReport, toClientReport } from '../client-report/client-report.type';
import { ClientReportRepository } from '../client-report/client-report.repository';
import { answersOffered } from './answers-offered';
import { AnswerClientReportInput } from './report-answer.inputs';
import { ANSWER_REPORTS, READ_ANSWERS } from './report-answer.rules';
import { ReportAnswerService } from './report-answer.service';
import { ClientReportAnswer, ClientReportOpenCount, ReportAnswer, toClientReportAnswer } from './report-answer.type';

const AnswerRequestConnection = connectionOf('AnswerRequest', ClientReport);

@ArgsType()
class OpenCountsArgs {
  @Field(() => ID, { nullable: true, description: "Staff may name one client; a partner's count is its own." })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;
}

@ArgsType()
class AnswerRequestsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only the reports of this subject (a safety measure change, a re-entrustment...).' })
  @IsOptional()
  @IsUUID()
  subjectId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only those whose answer is still awaited; false: only those answered.' })
  @IsOptional()
  @IsBoolean()
  awaiting?: boolean | null;
}

@ArgsType()
class CommentArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true, description: 'At most 2,000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string | null;
}

@Resolver(() => ClientReport)
export class ReportAnswerResolver {
  private async answer(ctx: ContractsContext, reportId: string, answer: ReportAnswerKind, comment: string | null) {
    if (!ctx.principal) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Send an API token.');
    const row = await new ReportAnswerService(ctx.deps).answerByApi(ctx.scope, ctx.principal, { reportId, answer, comment });
    return toClientReportAnswer(row);
  }

  @Authorized(ANSWER_REPORTS)
  @Mutation(() => ClientReportAnswer, {
    description:
      'Acknowledges a report of its own client, optionally with a comment. Acknowledging again is idempotent: the first acknowledgement is answered and nothing is written, except that a comment sent with it is kept as a COMMENT.',
  })
  async acknowledgeClientReport(@Args() args: CommentArgs, @Ctx() ctx: ContractsContext): Promise<ClientReportAnswer> {
    return await this.answer(ctx, args.id, 'ACKNOWLEDGE', args.comment ?? null);
  }

  @Authorized(ANSWER_REPORTS)
  @Mutation(() => ClientReportAnswer, { description: 'Comments on a report of its own client; acknowledges nothing.' })
  async commentOnClientReport(@Args() args: CommentArgs, @Ctx() ctx: ContractsContext): Promise<ClientReportAnswer> {
    return await this.answer(ctx, args.id, 'COMMENT', args.comment ?? null);
  }

  @Authorized(ANSWER_REPORTS)
  @Mutation(() => ClientReportAnswer, {
    description:
      "Gives one of a report's answersOffered (CHALLENGE, CONSENT, REFUSE... where its kind offers them), handled by the feature that owns its subject in the same transaction; ANSWER_NOT_OFFERED otherwise, and nothing is written.",
  })
  async answerClientReport(@Arg('input') input: AnswerClientReportInput, @Ctx() ctx: ContractsContext): Promise<ClientReportAnswer> {
    return await this.answer(ctx, input.reportId, input.answer, input.comment ?? null);
  }

  @Authorized(READ_ANSWERS)
  @Query(() => [ClientReportOpenCount], {
    description: 'Per client, how many reports are unacknowledged and how many await an answer; clients with none are left out.',
  })
  async clientReportOpenCounts(@Args() args: OpenCountsArgs, @Ctx() ctx: ContractsContext): Promise<ClientReportOpenCount[]> {
    return await new ClientReportRepository(ctx.deps.dataSource.manager, ctx.scope).openCounts(args.clientId ?? null);
  }

  @Authorized(READ_ANSWERS)
  @Query(() => AnswerRequestConnection, {
    description:
      "The reports that ask for the client's answer (a change that needs it): per client, when the notice went out (deliveredAt) and whether the answer is still awaited (answerAwaited).",
  })
  async answerRequests(@Args() args: AnswerRequestsArgs, @Ctx() ctx: ContractsContext) {
    const now = ctx.deps.clock.now();
    const awaiting = args.awaiting ?? null;
    const rows = await new ClientReportRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      {
        clientId: args.clientId ?? null,
        delivered: null,
        overdue: null,
        subjectId: args.subjectId ?? null,
        asksAnswer: true,
        state: awaiting === true ? 'ANSWER_AWAITED' : null,
        answered: awaiting === false ? true : null,
        now,
      },
      args.after ? decodeCursor(args.after) : null,
      args.first + 1,
    );
    return toPage(rows, args, (row) => toClientReport(row, now));
  }

  @Authorized(READ_ANSWERS)
  @FieldResolver(() => [ReportAnswer], { description: 'What the client may answer: ACKNOWLEDGE and COMMENT, and what its kind offers.' })
  answersOffered(@Root() report: ClientReport, @Ctx() ctx: ContractsContext): ReportAnswerKind[] {
    return answersOffered(ctx.deps.reportAnswers, report.kind);
  }

  @Authorized(READ_ANSWERS)
  @FieldResolver(() => [ClientReportAnswer], { description: 'Every answer the client gave, oldest first.' })
  async answers(@Root() report: ClientReport, @Ctx() ctx: ContractsContext): Promise<ClientReportAnswer[]> {
    return (await ctx.loaders.reportAnswers.load(report.id)).map(toClientReportAnswer);
  }
}
