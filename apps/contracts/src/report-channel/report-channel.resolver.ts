import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { IsOptional, IsUUID } from 'class-validator';
import type { ContractsContext } from '../context';
import { actingClient } from '../client/acting-client';
import { MANAGE_DELIVERY, READ_DELIVERY } from '../webhook-endpoint/webhook-endpoint.rules';
import { SetReportChannelsInput } from './report-channel.inputs';
import { ReportChannelRepository } from './report-channel.repository';
import { ReportChannelService } from './report-channel.service';
import { ReportChannelChoice, toReportChannelChoice } from './report-channel.type';

@ArgsType()
class ReportChannelsArgs {
  @Field(() => ID, { nullable: true, description: "Staff name the client; a partner's are its own." })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;
}

@Resolver(() => ReportChannelChoice)
export class ReportChannelResolver {
  @Authorized(READ_DELIVERY)
  @Query(() => [ReportChannelChoice], { description: 'How a client wants each kind of report delivered; a kind not listed goes by both.' })
  async reportChannels(@Args() args: ReportChannelsArgs, @Ctx() ctx: ContractsContext): Promise<ReportChannelChoice[]> {
    const manager = ctx.deps.dataSource.manager;
    const clientId = await actingClient(manager, ctx.scope, args.clientId);
    return (await new ReportChannelRepository(manager, ctx.scope).ofClient(clientId)).map(toReportChannelChoice);
  }

  @Authorized(MANAGE_DELIVERY)
  @Mutation(() => ReportChannelChoice, { description: 'Chooses email, webhook or both for one kind of report, or for every kind (`*`).' })
  async setReportChannels(@Arg('input') input: SetReportChannelsInput, @Ctx() ctx: ContractsContext): Promise<ReportChannelChoice> {
    return toReportChannelChoice(await new ReportChannelService(ctx.deps, ctx.scope).set(input));
  }
}
