import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionOf, decodeCursor, toPage } from '@azukari/service-kit';
import type { ContractsContext } from '../context';
import { Contract, toContract } from '../contract/contract.type';
import {
  AcceptInspectionInput,
  AcknowledgeInspectionEntryRulesInput,
  CancelInspectionInput,
  ChargeInspectionCostInput,
  CompleteInspectionInput,
  DeclineInspectionInput,
  InspectionsArgs,
  RecordInspectionCostDiscussionInput,
  RecordInspectionNdaInput,
  RequestInspectionInput,
  RescheduleInspectionInput,
} from './inspection.inputs';
import { InspectionRepository } from './inspection.repository';
import { DECIDE_INSPECTIONS, INSPECTION_DETAILS, READ_INSPECTIONS, REQUEST_INSPECTIONS } from './inspection.rules';
import { InspectionService } from './inspection.service';
import {
  Inspection,
  InspectionCost,
  InspectionCostDiscussion,
  toInspection,
  toInspectionCost,
  toInspectionCostDiscussion,
} from './inspection.type';

const InspectionConnection = connectionOf('Inspection', Inspection);

const serviceOf = (ctx: ContractsContext) => new InspectionService(ctx.deps, ctx.scope);

@Resolver(() => Inspection)
export class InspectionResolver {
  @Authorized(READ_INSPECTIONS)
  @Query(() => InspectionConnection, {
    description: 'On-site inspections (Art 13.2), oldest first, filtered by client, contract or status; a partner sees its own.',
  })
  async inspections(@Args() args: InspectionsArgs, @Ctx() ctx: ContractsContext) {
    const rows = await new InspectionRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      { clientId: args.clientId ?? null, contractId: args.contractId ?? null, status: args.status ?? null },
      args.after ? decodeCursor(args.after) : null,
      args.first + 1,
    );
    return toPage(rows, args, toInspection);
  }

  @Authorized(READ_INSPECTIONS)
  @Query(() => Inspection, { nullable: true, description: 'An inspection, or null where there is none the caller may see.' })
  async inspection(@Arg('id', () => ID) id: string, @Ctx() ctx: ContractsContext): Promise<Inspection | null> {
    const row = await new InspectionRepository(ctx.deps.dataSource.manager, ctx.scope).findById(id);
    return row ? toInspection(row) : null;
  }

  @Authorized(REQUEST_INSPECTIONS)
  @Mutation(() => Inspection, {
    description:
      "Asks for an on-site inspection with prior written notice (Art 13.2): a partner's request is the notice; staff record a paper one with its SHA-256.",
  })
  async requestInspection(@Arg('input') input: RequestInspectionInput, @Ctx() ctx: ContractsContext): Promise<Inspection> {
    return toInspection(await serviceOf(ctx).request(input));
  }

  @Authorized(DECIDE_INSPECTIONS)
  @Mutation(() => Inspection, { description: 'Accepts the inspection on one of the proposed dates; reported to the client.' })
  async acceptInspection(@Arg('input') input: AcceptInspectionInput, @Ctx() ctx: ContractsContext): Promise<Inspection> {
    return toInspection(await serviceOf(ctx).accept(input, { trace: ctx.trace }));
  }

  @Authorized(DECIDE_INSPECTIONS)
  @Mutation(() => Inspection, {
    description: 'Sets another date, with the reason; reported to the client. A confirmed date that moves is confirmed again.',
  })
  async rescheduleInspection(@Arg('input') input: RescheduleInspectionInput, @Ctx() ctx: ContractsContext): Promise<Inspection> {
    return toInspection(await serviceOf(ctx).reschedule(input, { trace: ctx.trace }));
  }

  @Authorized(DECIDE_INSPECTIONS)
  @Mutation(() => Inspection, { description: 'Declines for a reason Art 13.2 allows, explained; reported to the client.' })
  async declineInspection(@Arg('input') input: DeclineInspectionInput, @Ctx() ctx: ContractsContext): Promise<Inspection> {
    return toInspection(await serviceOf(ctx).decline(input, { trace: ctx.trace }));
  }

  @Authorized(REQUEST_INSPECTIONS)
  @Mutation(() => Inspection, { description: 'Records the NDA the client signed (Art 13.3), with its SHA-256, date and signatory.' })
  async recordInspectionNda(@Arg('input') input: RecordInspectionNdaInput, @Ctx() ctx: ContractsContext): Promise<Inspection> {
    return toInspection(await serviceOf(ctx).recordNda(input));
  }

  @Authorized(REQUEST_INSPECTIONS)
  @Mutation(() => Inspection, {
    description:
      "Records the client's acknowledgement of the rules of entry and exit (Art 13.4): through the API, or by staff from the signed paper.",
  })
  async acknowledgeInspectionEntryRules(
    @Arg('input') input: AcknowledgeInspectionEntryRulesInput,
    @Ctx() ctx: ContractsContext,
  ): Promise<Inspection> {
    return toInspection(await serviceOf(ctx).acknowledgeEntryRules(input));
  }

  @Authorized(DECIDE_INSPECTIONS)
  @Mutation(() => Inspection, {
    description:
      'Confirms the date: needs the NDA asked for (NDA_REQUIRED) and the acknowledged rules of entry and exit (ENTRY_RULES_ACK_REQUIRED).',
  })
  async confirmInspection(@Arg('id', () => ID) id: string, @Ctx() ctx: ContractsContext): Promise<Inspection> {
    return toInspection(await serviceOf(ctx).confirm(id, { trace: ctx.trace }));
  }

  @Authorized(DECIDE_INSPECTIONS)
  @Mutation(() => Inspection, { description: 'Records that it took place, with a summary of the findings; reported to the client.' })
  async completeInspection(@Arg('input') input: CompleteInspectionInput, @Ctx() ctx: ContractsContext): Promise<Inspection> {
    return toInspection(await serviceOf(ctx).complete(input, { trace: ctx.trace }));
  }

  @Authorized(REQUEST_INSPECTIONS)
  @Mutation(() => Inspection, { description: 'The client withdraws its request (through the API, or staff recording its word).' })
  async cancelInspection(@Arg('input') input: CancelInspectionInput, @Ctx() ctx: ContractsContext): Promise<Inspection> {
    return toInspection(await serviceOf(ctx).cancel(input));
  }

  @Authorized(DECIDE_INSPECTIONS)
  @Mutation(() => InspectionCostDiscussion, {
    description:
      'Records the discussion of both parties on costs beyond the expected scope (Art 13.5): date, participants by role, outcome.',
  })
  async recordInspectionCostDiscussion(
    @Arg('input') input: RecordInspectionCostDiscussionInput,
    @Ctx() ctx: ContractsContext,
  ): Promise<InspectionCostDiscussion> {
    return toInspectionCostDiscussion(await serviceOf(ctx).recordCostDiscussion(input));
  }

  @Authorized(DECIDE_INSPECTIONS)
  @Mutation(() => InspectionCost, {
    description:
      'Charges a cost of receiving the inspection, only after a recorded discussion (COST_DISCUSSION_REQUIRED); reported to the client.',
  })
  async chargeInspectionCost(@Arg('input') input: ChargeInspectionCostInput, @Ctx() ctx: ContractsContext): Promise<InspectionCost> {
    return toInspectionCost(await serviceOf(ctx).chargeCost(input, { trace: ctx.trace }));
  }

  @Authorized(INSPECTION_DETAILS)
  @FieldResolver(() => [ID], { description: 'The contracts it concerns.' })
  async contractIds(@Root() inspection: Inspection, @Ctx() ctx: ContractsContext): Promise<string[]> {
    return await ctx.loaders.inspectionContractIds.load(inspection.id);
  }

  @Authorized(INSPECTION_DETAILS)
  @FieldResolver(() => [Contract], { description: 'The contracts it concerns, as the caller may see them.' })
  async contracts(@Root() inspection: Inspection, @Ctx() ctx: ContractsContext): Promise<Contract[]> {
    const ids = await ctx.loaders.inspectionContractIds.load(inspection.id);
    const rows = await ctx.loaders.contract.loadMany(ids);
    return rows.flatMap((row) => (row && !(row instanceof Error) ? [toContract(row)] : []));
  }

  @Authorized(INSPECTION_DETAILS)
  @FieldResolver(() => [InspectionCostDiscussion])
  async costDiscussions(@Root() inspection: Inspection, @Ctx() ctx: ContractsContext): Promise<InspectionCostDiscussion[]> {
    return (await ctx.loaders.inspectionCostDiscussions.load(inspection.id)).map(toInspectionCostDiscussion);
  }

  @Authorized(INSPECTION_DETAILS)
  @FieldResolver(() => [InspectionCost])
  async costs(@Root() inspection: Inspection, @Ctx() ctx: ContractsContext): Promise<InspectionCost[]> {
    return (await ctx.loaders.inspectionCosts.load(inspection.id)).map(toInspectionCost);
  }
}

/** `Contract.inspections`: the on-site inspections that concern a contract. */
@Resolver(() => Contract)
export class ContractInspectionsResolver {
  @Authorized(READ_INSPECTIONS)
  @FieldResolver(() => [Inspection], { description: 'The on-site inspections that concern this contract (Art 13.2), oldest first.' })
  async inspections(@Root() contract: Contract, @Ctx() ctx: ContractsContext): Promise<Inspection[]> {
    return (await ctx.loaders.contractInspections.load(contract.id)).map(toInspection);
  }
}
