import { Args, ArgsType, Authorized, Ctx, Field, ID, Query, Resolver } from 'type-graphql';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { connectionOf, decodeCursor, PageArgs, toPage } from '@azukari/service-kit';
import { READ_CONTRACTS } from '../contract/contract.rules';
import type { ContractsContext } from '../context';
import { ClientReport, toClientReport } from './client-report.type';
import { ClientReportRepository } from './client-report.repository';

const ClientReportConnection = connectionOf('ClientReport', ClientReport);

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
}

@Resolver(() => ClientReport)
export class ClientReportResolver {
  @Authorized(READ_CONTRACTS)
  @Query(() => ClientReportConnection, {
    description: 'Reports made to clients, with when each was due and delivered; a partner sees its own.',
  })
  async clientReports(@Args() args: ClientReportsArgs, @Ctx() ctx: ContractsContext) {
    const now = ctx.deps.clock.now();
    const rows = await new ClientReportRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      { clientId: args.clientId ?? null, delivered: args.delivered ?? null, overdue: args.overdue ?? null, now },
      args.after ? decodeCursor(args.after) : null,
      args.first + 1,
    );
    return toPage(rows, args, (row) => toClientReport(row, now));
  }
}
