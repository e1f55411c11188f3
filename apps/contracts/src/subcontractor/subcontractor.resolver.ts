import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { connectionOf, decodeCursor, PageArgs, toPage } from '@azukari/service-kit';
import type { ContractsContext } from '../context';
import { CreateSubcontractorInput, UpdateSubcontractorInput } from './subcontractor.inputs';
import { SubcontractorRepository } from './subcontractor.repository';
import { READ_SUBCONTRACTORS, WRITE_SUBCONTRACTORS } from './subcontractor.rules';
import { SubcontractorService } from './subcontractor.service';
import { Subcontractor, toSubcontractor } from './subcontractor.type';

const SubcontractorConnection = connectionOf('Subcontractor', Subcontractor);

@Resolver(() => Subcontractor)
export class SubcontractorResolver {
  @Authorized(READ_SUBCONTRACTORS)
  @Query(() => SubcontractorConnection, {
    description: 'The register of subcontractors; a partner sees those proposed for its own contracts.',
  })
  async subcontractors(@Args() args: PageArgs, @Ctx() ctx: ContractsContext) {
    const rows = await new SubcontractorRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      args.after ? decodeCursor(args.after) : null,
      args.first + 1,
    );
    return toPage(rows, args, toSubcontractor);
  }

  @Authorized(READ_SUBCONTRACTORS)
  @Query(() => Subcontractor, { nullable: true, description: 'A subcontractor, or null where there is none the caller may see.' })
  async subcontractor(@Arg('id', () => ID) id: string, @Ctx() ctx: ContractsContext): Promise<Subcontractor | null> {
    const row = await ctx.loaders.subcontractor.load(id);
    return row ? toSubcontractor(row) : null;
  }

  @Authorized(WRITE_SUBCONTRACTORS)
  @Mutation(() => Subcontractor, { description: 'Enters a subcontractor in the register, with its name and address.' })
  async createSubcontractor(@Arg('input') input: CreateSubcontractorInput, @Ctx() ctx: ContractsContext): Promise<Subcontractor> {
    return toSubcontractor(await new SubcontractorService(ctx.deps, ctx.scope).create(input));
  }

  @Authorized(WRITE_SUBCONTRACTORS)
  @Mutation(() => Subcontractor, { description: "Corrects a subcontractor's name or address." })
  async updateSubcontractor(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateSubcontractorInput,
    @Ctx() ctx: ContractsContext,
  ): Promise<Subcontractor> {
    return toSubcontractor(await new SubcontractorService(ctx.deps, ctx.scope).update(id, input));
  }
}
