/**
 * The contracts subgraph's Contract, as incidents knows it, and everything incidents says about
 * it: its key, how a reference to it is resolved here, and `Contract.incidents`. Every subgraph
 * keeps what it adds to another's entity in `src/federated/<entity>.ts`, so that each federation
 * seam is found in one place; the gateway resolves every other field from contracts, the owner.
 */
import { Args, Authorized, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { decodeCursor, PageArgs, toPage } from '@azukari/service-kit';
import type { IncidentsContext } from '../context';
import { IncidentConnection, toIncident } from '../incident/incident.type';
import { READ_INCIDENTS } from '../incident/incident.rules';

@Directive('@key(fields: "id")')
// No description here: the owner's description is the one the supergraph shows.
@ObjectType()
export class Contract {
  @Field(() => ID)
  id!: string;
}

export const contractRef = (id: string): Contract => ({ id });

export const contractReferences = {
  Contract: {
    // Only the key the caller sent comes back: nothing is loaded or revealed here, so there is no
    // rule to apply. Contract.incidents carries its own rule and is scoped in the repository.
    __resolveReference: (ref: { id: string }): Contract => contractRef(ref.id),
  },
};

/** `Contract.incidents`, added by incidents to the contracts subgraph's entity. */
@Resolver(() => Contract)
export class ContractIncidentsResolver {
  @Authorized(READ_INCIDENTS)
  // Nullable: with incidents unreachable the gateway leaves out this field alone, with its error,
  // where a non-null one would void the whole contract and the other subgraphs' fields with it.
  @FieldResolver(() => IncidentConnection, {
    nullable: true,
    description:
      'Incidents that touch this contract, oldest first; none for a partner unless the contract is its own. null (with an error) if incidents cannot answer.',
  })
  async incidents(@Root() contract: Contract, @Args() page: PageArgs, @Ctx() ctx: IncidentsContext) {
    // Every contract of the response shares one loader for these arguments: one statement for all.
    const rows = await ctx.loaders
      .contractIncidents({ limit: page.first + 1, afterId: page.after ? decodeCursor(page.after) : null })
      .load(contract.id);
    return toPage(rows, page, toIncident);
  }
}
