import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { decodeCursor, toPage } from '@azukari/service-kit';
import type { IncidentsContext } from '../context';
import { Contract, contractRef } from '../federated/contract';
import { Incident, IncidentConnection, toIncident } from './incident.type';
import { IncidentsArgs, ReportIncidentInput } from './incident.inputs';
import { IncidentRepository } from './incident.repository';
import { IncidentService } from './incident.service';
import { READ_INCIDENTS, REPORT_INCIDENTS } from './incident.rules';

@Resolver(() => Incident)
export class IncidentResolver {
  @Authorized(READ_INCIDENTS)
  @Query(() => IncidentConnection, {
    description: 'Incidents, of one contract if contractId is given, oldest first; a partner sees only those that touch its own contracts.',
  })
  async incidents(@Args() args: IncidentsArgs, @Ctx() ctx: IncidentsContext) {
    const rows = await new IncidentRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      args.contractId ?? null,
      args.after ? decodeCursor(args.after) : null,
      args.first + 1,
    );
    return toPage(rows, args, toIncident);
  }

  @Authorized(READ_INCIDENTS)
  @Query(() => Incident, { nullable: true, description: 'An incident, or null where there is none the caller may see.' })
  async incident(@Arg('id', () => ID) id: string, @Ctx() ctx: IncidentsContext): Promise<Incident | null> {
    const row = await ctx.loaders.incident.load(id);
    return row ? toIncident(row) : null;
  }

  @Authorized(REPORT_INCIDENTS)
  @Mutation(() => Incident, {
    description: 'Records an incident, actual or suspected, and reports it at once to every client whose contracts it touches (Art 7.1).',
  })
  async reportIncident(@Arg('input') input: ReportIncidentInput, @Ctx() ctx: IncidentsContext): Promise<Incident> {
    const row = await new IncidentService(ctx.deps, ctx.scope).report(input, { principal: ctx.principal, trace: ctx.trace });
    return toIncident(row);
  }

  @Authorized(READ_INCIDENTS)
  @FieldResolver(() => [Contract], { description: 'The contracts it touches; a partner sees only its own.' })
  async contracts(@Root() incident: Incident, @Ctx() ctx: IncidentsContext): Promise<Contract[]> {
    return (await ctx.loaders.links.load(incident.id)).map((link) => contractRef(link.contractId));
  }
}
