/** Contract.incidents, contributed by incidents to the contracts subgraph's entity. */
import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { decodeCursor, PageArgs, toPage } from '@azukari/service-kit';
import type { IncidentsContext } from '../context';
import { IncidentConnection, toIncident } from '../incident/incident.type';
import { READ_INCIDENTS } from '../incident/incident.rules';
import { Contract } from './contract.type';

@Resolver(() => Contract)
export class ContractIncidentsResolver {
  @Authorized(READ_INCIDENTS)
  @FieldResolver(() => IncidentConnection, {
    description: 'Incidents that touch this contract, oldest first; none for a partner unless the contract is its own.',
  })
  async incidents(@Root() contract: Contract, @Args() page: PageArgs, @Ctx() ctx: IncidentsContext) {
    // Every contract of the response shares one loader for these arguments: one statement for all.
    const rows = await ctx.loaders
      .contractIncidents({ limit: page.first + 1, afterId: page.after ? decodeCursor(page.after) : null })
      .load(contract.id);
    return toPage(rows, page, toIncident);
  }
}
