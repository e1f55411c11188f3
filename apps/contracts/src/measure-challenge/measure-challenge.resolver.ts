import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionOf, decodeCursor, toPage } from '@azukari/service-kit';
import type { ContractsContext } from '../context';
import { ClientReportRepository } from '../client-report/client-report.repository';
import { recordAnswerOnSubjectReports } from '../report-answer/subject-answer';
import { MAX_MESSAGE_LENGTH } from './measure-challenge.entity';
import {
  ChallengeSafetyMeasuresInput,
  CloseSafetyMeasureChallengeInput,
  SafetyMeasureChallengesArgs,
  SafetyMeasureChallengeServiceInput,
} from './measure-challenge.inputs';
import { MeasureChallengeRepository } from './measure-challenge.repository';
import { OPEN_CHALLENGE, READ_CHALLENGES, SETTLE_CHALLENGE, WRITE_IN_CHALLENGE } from './measure-challenge.rules';
import { authorOf, MeasureChallengeService } from './measure-challenge.service';
import { SafetyMeasureChallenge, SafetyMeasureChallengeMessage, toChallenge, toChallengeMessage } from './measure-challenge.type';

const SafetyMeasureChallengeConnection = connectionOf('SafetyMeasureChallenge', SafetyMeasureChallenge);

const serviceOf = (ctx: ContractsContext) => new MeasureChallengeService(ctx.deps, ctx.scope, ctx.trace ?? null);

@Resolver(() => SafetyMeasureChallenge)
export class MeasureChallengeResolver {
  @Authorized(READ_CHALLENGES)
  @Query(() => SafetyMeasureChallengeConnection, {
    description: "Challenges of the safety measures as insufficient (Art 5.3), oldest first; a partner sees its own client's.",
  })
  async safetyMeasureChallenges(@Args() args: SafetyMeasureChallengesArgs, @Ctx() ctx: ContractsContext) {
    const rows = await new MeasureChallengeRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      { clientId: args.clientId ?? null, status: args.status ?? null, measureId: args.measureId ?? null },
      args.after ? decodeCursor(args.after) : null,
      args.first + 1,
    );
    return toPage(rows, args, toChallenge);
  }

  @Authorized(READ_CHALLENGES)
  @Query(() => SafetyMeasureChallenge, { nullable: true, description: 'A challenge, or null where there is none the caller may see.' })
  async safetyMeasureChallenge(@Arg('id', () => ID) id: string, @Ctx() ctx: ContractsContext): Promise<SafetyMeasureChallenge | null> {
    const row = await new MeasureChallengeRepository(ctx.deps.dataSource.manager, ctx.scope).findById(id);
    return row ? toChallenge(row) : null;
  }

  @Authorized(READ_CHALLENGES)
  @FieldResolver(() => [SafetyMeasureChallengeMessage], { description: 'The discussion, oldest first.' })
  async messages(@Root() challenge: SafetyMeasureChallenge, @Ctx() ctx: ContractsContext): Promise<SafetyMeasureChallengeMessage[]> {
    return (await ctx.loaders.challengeMessages.load(challenge.id)).map(toChallengeMessage);
  }

  @Authorized(OPEN_CHALLENGE)
  @Mutation(() => SafetyMeasureChallenge, {
    description:
      'Challenges the safety measures as insufficient (Art 5.3): opens a thread, or adds the message to the open one on the same measure.',
  })
  async challengeSafetyMeasures(
    @Arg('input') input: ChallengeSafetyMeasuresInput,
    @Ctx() ctx: ContractsContext,
  ): Promise<SafetyMeasureChallenge> {
    const author = authorOf(ctx.principal);
    const row = await ctx.deps.dataSource.transaction(async (manager) => {
      const opened = await serviceOf(ctx).open(manager, input, author);
      // A challenge made by its report is the answer that report asked for (5.3).
      const report = input.reportId ? await new ClientReportRepository(manager, ctx.scope).findById(input.reportId) : null;
      if (report) {
        await recordAnswerOnSubjectReports(manager, ctx.scope, {
          subject: { type: report.subjectType, id: report.subjectId },
          kind: report.kind,
          answer: 'CHALLENGE',
          answerer: { via: 'API', principal: ctx.principal! },
          comment: input.message,
          at: ctx.deps.clock.now(),
        });
      }
      return opened;
    });
    return toChallenge(row);
  }

  @Authorized(WRITE_IN_CHALLENGE)
  @Mutation(() => SafetyMeasureChallenge, { description: 'Adds a message to an open challenge; a closed one refuses it (CONFLICT).' })
  async postSafetyMeasureChallengeMessage(
    @Arg('challengeId', () => ID) challengeId: string,
    @Arg('body', { description: `1 to ${MAX_MESSAGE_LENGTH} characters.` }) body: string,
    @Ctx() ctx: ContractsContext,
  ): Promise<SafetyMeasureChallenge> {
    return toChallenge(await serviceOf(ctx).post(challengeId, body, authorOf(ctx.principal)));
  }

  @Authorized(SETTLE_CHALLENGE)
  @Mutation(() => SafetyMeasureChallenge, {
    description: 'Notes the content, scale and fees of the service on an open challenge (Art 5.3).',
  })
  async noteSafetyMeasureChallengeService(
    @Arg('challengeId', () => ID) challengeId: string,
    @Arg('input') input: SafetyMeasureChallengeServiceInput,
    @Ctx() ctx: ContractsContext,
  ): Promise<SafetyMeasureChallenge> {
    return toChallenge(await serviceOf(ctx).noteService(challengeId, input));
  }

  @Authorized(SETTLE_CHALLENGE)
  @Mutation(() => SafetyMeasureChallenge, {
    description: 'Closes a challenge with its outcome, reported to the client (Art 5.3); it then takes no more messages.',
  })
  async closeSafetyMeasureChallenge(
    @Arg('challengeId', () => ID) challengeId: string,
    @Arg('input') input: CloseSafetyMeasureChallengeInput,
    @Ctx() ctx: ContractsContext,
  ): Promise<SafetyMeasureChallenge> {
    return toChallenge(await serviceOf(ctx).close(challengeId, input, ctx.principal));
  }
}
