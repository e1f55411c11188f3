import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionOf, decodeCursor, toPage } from '@azukari/service-kit';
import type { ContractsContext } from '../context';
import { Contract } from '../contract/contract.type';
import { MAX_SUMMARY_LENGTH } from './safety-measure.entity';
import { ApplySafetyMeasureInput, ChangeSafetyMeasureInput, CreateSafetyMeasureInput, SafetyMeasuresArgs } from './safety-measure.inputs';
import { SafetyMeasureRepository } from './safety-measure.repository';
import { READ_CONTRACT_SAFETY_MEASURES, READ_SAFETY_MEASURES, WRITE_SAFETY_MEASURES } from './safety-measure.rules';
import { SafetyMeasureService } from './safety-measure.service';
import {
  ContractSafetyMeasure,
  SafetyMeasure,
  SafetyMeasureVersion,
  toContractSafetyMeasure,
  toSafetyMeasure,
  toSafetyMeasureVersion,
} from './safety-measure.type';

const SafetyMeasureConnection = connectionOf('SafetyMeasure', SafetyMeasure);

const serviceOf = (ctx: ContractsContext) => new SafetyMeasureService(ctx.deps, { principal: ctx.principal, trace: ctx.trace ?? null });

@Resolver(() => SafetyMeasure)
export class SafetyMeasureResolver {
  @Authorized(READ_SAFETY_MEASURES)
  @Query(() => SafetyMeasureConnection, {
    description: "The operator's safety measures (Art 5.1): the catalogue and contracts' additions, each at the version in force.",
  })
  async safetyMeasures(@Args() args: SafetyMeasuresArgs, @Ctx() ctx: ContractsContext) {
    const rows = await new SafetyMeasureRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      {
        category: args.category ?? null,
        status: args.status ?? null,
        catalogue: args.catalogue ?? null,
        contractId: args.contractId ?? null,
      },
      args.after ? decodeCursor(args.after) : null,
      args.first + 1,
    );
    return toPage(rows, args, toSafetyMeasure);
  }

  @Authorized(READ_SAFETY_MEASURES)
  @Query(() => SafetyMeasure, { nullable: true, description: 'A safety measure, or null where there is none.' })
  async safetyMeasure(@Arg('id', () => ID) id: string, @Ctx() ctx: ContractsContext): Promise<SafetyMeasure | null> {
    const row = await new SafetyMeasureRepository(ctx.deps.dataSource.manager, ctx.scope).findById(id);
    return row ? toSafetyMeasure(row) : null;
  }

  @Authorized(READ_SAFETY_MEASURES)
  @FieldResolver(() => [SafetyMeasureVersion], { description: 'Every version, oldest first; the last is the version in force.' })
  async versions(@Root() measure: SafetyMeasure, @Ctx() ctx: ContractsContext): Promise<SafetyMeasureVersion[]> {
    return (await ctx.loaders.safetyMeasureVersions.load(measure.id)).map(toSafetyMeasureVersion);
  }

  @Authorized(WRITE_SAFETY_MEASURES)
  @Mutation(() => SafetyMeasure, {
    description: 'Adds a measure to the catalogue, or, with contractId, to one contract (reported to its client, Art 5.2). Version 1.',
  })
  async createSafetyMeasure(@Arg('input') input: CreateSafetyMeasureInput, @Ctx() ctx: ContractsContext): Promise<SafetyMeasure> {
    return toSafetyMeasure(await serviceOf(ctx).create(input));
  }

  @Authorized(WRITE_SAFETY_MEASURES)
  @Mutation(() => SafetyMeasure, {
    description: 'A new version of a measure, reported to every client with an active contract it applies to (Art 5.2).',
  })
  async changeSafetyMeasure(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: ChangeSafetyMeasureInput,
    @Ctx() ctx: ContractsContext,
  ): Promise<SafetyMeasure> {
    return toSafetyMeasure(await serviceOf(ctx).change(id, input));
  }

  @Authorized(WRITE_SAFETY_MEASURES)
  @Mutation(() => SafetyMeasure, {
    description: 'Retires a measure (a last version, RETIRED), reported like any change; it is then in force nowhere.',
  })
  async retireSafetyMeasure(
    @Arg('id', () => ID) id: string,
    @Arg('changeSummary', { description: `Why, 1 to ${MAX_SUMMARY_LENGTH} characters.` }) changeSummary: string,
    @Ctx() ctx: ContractsContext,
  ): Promise<SafetyMeasure> {
    return toSafetyMeasure(await serviceOf(ctx).retire(id, changeSummary));
  }

  @Authorized(WRITE_SAFETY_MEASURES)
  @Mutation(() => SafetyMeasure, {
    description: 'Applies a catalogue measure to active contracts; each client is told of its own (Art 5.2).',
  })
  async applySafetyMeasure(@Arg('input') input: ApplySafetyMeasureInput, @Ctx() ctx: ContractsContext): Promise<SafetyMeasure> {
    return toSafetyMeasure(await serviceOf(ctx).apply(input));
  }

  @Authorized(WRITE_SAFETY_MEASURES)
  @Mutation(() => SafetyMeasure, { description: 'Takes a catalogue measure off contracts; each client is told of its own (Art 5.2).' })
  async unapplySafetyMeasure(@Arg('input') input: ApplySafetyMeasureInput, @Ctx() ctx: ContractsContext): Promise<SafetyMeasure> {
    return toSafetyMeasure(await serviceOf(ctx).unapply(input));
  }
}

/** `Contract.safetyMeasures`: contracts owns both, so it is a field of this subgraph's own type, not a contributed one. */
@Resolver(() => Contract)
export class ContractSafetyMeasuresResolver {
  @Authorized(READ_CONTRACT_SAFETY_MEASURES)
  @FieldResolver(() => [ContractSafetyMeasure], {
    description: 'The safety measures in force on the contract (Art 5.1), each at the version in force, by category.',
  })
  async safetyMeasures(@Root() contract: Contract, @Ctx() ctx: ContractsContext): Promise<ContractSafetyMeasure[]> {
    return (await ctx.loaders.contractSafetyMeasures.load(contract.id)).map(toContractSafetyMeasure);
  }
}
