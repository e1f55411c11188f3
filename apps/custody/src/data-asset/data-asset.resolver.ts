import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Principal } from '@azukari/common';
import { decodeCursor, toPage } from '@azukari/service-kit';
import type { CustodyContext } from '../context';
import { DataAsset, DataAssetConnection, toDataAsset } from './data-asset.type';
import { AssetsArgs, RegisterAssetInput } from './data-asset.inputs';
import { DataAssetRepository } from './data-asset.repository';
import { DataAssetService } from './data-asset.service';
import { READ_ASSETS, WRITE_ASSETS } from './data-asset.rules';

@Resolver(() => DataAsset)
export class DataAssetResolver {
  @Authorized(READ_ASSETS)
  @Query(() => DataAssetConnection, {
    description: "One contract's data assets, optionally in one status; a partner sees only its own client's.",
  })
  async assets(@Args() args: AssetsArgs, @Ctx() ctx: CustodyContext) {
    const rows = await new DataAssetRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      args.contractId,
      args.status ?? null,
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
