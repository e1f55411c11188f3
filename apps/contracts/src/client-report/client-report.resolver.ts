import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsUUID } from 'class-validator';
import { REPORT_ARTICLES } from '@azukari/jobs';
import { connectionOf, decodeCursor, PageArgs, toPage } from '@azukari/service-kit';
import type { ContractsContext } from '../context';
import { ClientReportState } from '../report-answer/report-answer.type';
import { MANAGE_DELIVERY, READ_DELIVERY } from '../webhook-endpoint/webhook-endpoint.rules';
import {
  ChannelDeliveryStatus,
  ClientReport,
  ClientReportAttempt,
  ClientReportDelivery,
  toClientReport,
  toClientReportAttempt,
  toClientReportDelivery,
} from './client-report.type';
import { ClientReportRepository } from './client-report.repository';
import { ClientReportDeliveryRepository } from './client-report-delivery.repository';
import { ClientReportService } from './client-report.service';

const ClientReportConnection = connectionOf('ClientReport', ClientReport);
const ClientReportDeliveryConnection = connectionOf('ClientReportDelivery', ClientReportDelivery);

@ArgsType()
class ClientReportsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only delivered reports; false: only those not (yet) delivered.' })
  @IsOptional()
  @IsBoolean()
  delivered?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only reports delivered late or still undelivered past their due time; false: only those on time so far.',
  })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only the reports under this article, e.g. "Art 7.1".' })
  @IsOptional()
  @IsIn(REPORT_ARTICLES)
  article?: string | null;

  @Field(() => ClientReportState, { nullable: true, description: 'Only acknowledged, unacknowledged, or answer-awaited reports.' })
  @IsOptional()
  @IsEnum(ClientReportState)
  state?: ClientReportState | null;
}

@ArgsType()
class ClientReportDeliveriesArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;

  @Field(() => ChannelDeliveryStatus, { nullable: true, description: 'FAILED: the deliveries set aside, to redeliver.' })
  @IsOptional()
  @IsEnum(ChannelDeliveryStatus)
  status?: ChannelDeliveryStatus | null;
}

@Resolver(() => ClientReport)
export class ClientReportResolver {
  @Authorized(READ_DELIVERY)
  @Query(() => ClientReportConnection, {
    description: 'Reports made to clients, with when each was due and delivered; a partner sees its own.',
  })
  async clientReports(@Args() args: ClientReportsArgs, @Ctx() ctx: ContractsContext) {
    const now = ctx.deps.clock.now();
    const rows = await new ClientReportRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      {
        clientId: args.clientId ?? null,
        delivered: args.delivered ?? null,
        overdue: args.overdue ?? null,
        article: args.article ?? null,
        state: args.state ?? null,
        now,
      },
      args.after ? decodeCursor(args.after) : null,
      args.first + 1,
    );
    return toPage(rows, args, (row) => toClientReport(row, now));
  }

  @Authorized(READ_DELIVERY)
  @Query(() => ClientReportDeliveryConnection, {
    description: 'Deliveries of reports, by state: FAILED lists those set aside for redelivery. A partner sees its own.',
  })
  async clientReportDeliveries(@Args() args: ClientReportDeliveriesArgs, @Ctx() ctx: ContractsContext) {
    const rows = await new ClientReportDeliveryRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      { clientId: args.clientId ?? null, status: args.status ?? null },
      args.after ? decodeCursor(args.after) : null,
      args.first + 1,
    );
    return toPage(rows, args, toClientReportDelivery);
  }

  @Authorized(READ_DELIVERY)
  @FieldResolver(() => [ClientReportDelivery], { description: 'One per channel it went by, redeliveries included.' })
  async deliveries(@Root() report: ClientReport, @Ctx() ctx: ContractsContext): Promise<ClientReportDelivery[]> {
    return (await ctx.loaders.reportDeliveries.load(report.id)).map(toClientReportDelivery);
  }

  @Authorized(MANAGE_DELIVERY)
  @Mutation(() => ClientReport, {
    description:
      'Sends a report again through each channel whose delivery failed, with the same body and webhook-id, to the address and endpoints as they are now.',
  })
  async redeliverClientReport(@Arg('id', () => ID) id: string, @Ctx() ctx: ContractsContext): Promise<ClientReport> {
    const report = await new ClientReportService(ctx.deps).redeliver(id, ctx.scope, ctx.trace ?? null);
    return toClientReport(report, ctx.deps.clock.now());
  }
}

@Resolver(() => ClientReportDelivery)
export class ClientReportDeliveryResolver {
  @Authorized(READ_DELIVERY)
  @FieldResolver(() => [ClientReportAttempt], { description: 'Every try and what came of it, in order.' })
  async attemptLog(@Root() delivery: ClientReportDelivery, @Ctx() ctx: ContractsContext): Promise<ClientReportAttempt[]> {
    return (await ctx.loaders.deliveryAttempts.load(delivery.id)).map(toClientReportAttempt);
  }
}
