import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ALL_STAFF, Scope, WRITING_STAFF, type Principal } from '@azukari/common';
import { allow, connectionOf, decodeCursor, PageArgs, toPage } from '@azukari/service-kit';
import type { CustodyContext } from '../context';
import { Contract } from '../contract/contract.type';
import { DataAsset, toDataAsset } from './data-asset.type';
import { AssetsArgs, RegisterAssetInput } from './data-asset.inputs';
import { DataAssetRepository } from './data-asset.repository';
import { DataAssetService } from './data-asset.service';

const DataAssetConnection = connectionOf('DataAsset', DataAsset);
export const READ_ASSETS = allow({ staff: ALL_STAFF, partner: Scope.CUSTODY_READ });
const WRITE_ASSETS = allow({ staff: WRITING_STAFF, partner: Scope.CUSTODY_WRITE });

@Resolver(() => DataAsset)
export class DataAssetResolver {
  @Authorized(READ_ASSETS)
  @Query(() => DataAssetConnection, { description: "One contract's data assets; a partner sees only its own client's." })
  async assets(@Args() args: AssetsArgs, @Ctx() ctx: CustodyContext) {
    const rows = await new DataAssetRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      args.contractId,
      args.after ? decodeCursor(args.after) : null,
      args.first + 1,
    );
    return toPage(rows, args, toDataAsset);
  }

  @Authorized(READ_ASSETS)
  @Query(() => DataAsset, { nullable: true, description: 'A data asset, or null where there is none the caller may see.' })
  async asset(@Arg('id', () => ID) id: string, @Ctx() ctx: CustodyContext): Promise<DataAsset | null> {
    const row = await ctx.loaders.asset.load(id);
    return row ? toDataAsset(row) : null;
  }

  @Authorized(WRITE_ASSETS)
  @Mutation(() => DataAsset, {
    description:
      'Registers entrusted personal information received under a contract that has not ended (Art 1(1), 2.1). Staff may name its custodian.',
  })
  async registerAsset(@Arg('input') input: RegisterAssetInput, @Ctx() ctx: CustodyContext): Promise<DataAsset> {
    // @Authorized lets no request without a principal reach this point.
    const caller = ctx.principal as Principal;
    return toDataAsset(await new DataAssetService(ctx.deps, ctx.scope).register(input, caller, ctx.trace));
  }
}

/** `Contract.assets`, added by custody to the contracts subgraph's entity. */
@Resolver(() => Contract)
export class ContractAssetsResolver {
  @Authorized(READ_ASSETS)
  @FieldResolver(() => DataAssetConnection, { description: "The contract's data assets; a partner sees only its own client's." })
  async assets(@Root() contract: Contract, @Args() page: PageArgs, @Ctx() ctx: CustodyContext) {
    const rows = await ctx.loaders.contractAssets.load({
      contractId: contract.id,
      limit: page.first + 1,
      afterId: page.after ? decodeCursor(page.after) : null,
    });
    return toPage(rows, page, toDataAsset);
  }
}
