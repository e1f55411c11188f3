import { Args, ArgsType, Authorized, Ctx, Field, ID, Query, Resolver } from 'type-graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { ALL_STAFF, Scope } from '@azukari/common';
import { allow, connectionOf, decodeCursor, PageArgs, toPage } from '@azukari/service-kit';
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
}

@Resolver(() => ClientReport)
export class ClientReportResolver {
  @Authorized(allow({ staff: ALL_STAFF, partner: Scope.CONTRACTS_READ }))
  @Query(() => ClientReportConnection, { description: 'Reports made to clients, with their delivery state; a partner sees its own.' })
  async clientReports(@Args() args: ClientReportsArgs, @Ctx() ctx: ContractsContext) {
    const rows = await new ClientReportRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      args.clientId ?? null,
      args.after ? decodeCursor(args.after) : null,
      args.first + 1,
    );
    return toPage(rows, args, toClientReport);
  }
}
