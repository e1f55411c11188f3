/**
 * The contracts subgraph's Contract, as custody knows it, and everything custody says about it:
 * its key, the link from a DataAsset to it and `Contract.assets`. Every subgraph keeps what it
 * adds to another's entity in `src/federated/<entity>.ts`, so that each federation seam is found
 * in one place; the gateway resolves every other field from contracts, the owner.
 */
import { Args, Authorized, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { decodeCursor, PageArgs, toPage } from '@azukari/service-kit';
import type { CustodyContext } from '../context';
import { DataAsset, DataAssetConnection, toDataAsset } from '../data-asset/data-asset.type';
import { READ_ASSETS } from '../data-asset/data-asset.rules';

@Directive('@key(fields: "id")')
// No description here: the owner's description is the one the supergraph shows.
@ObjectType()
export class Contract {
  @Field(() => ID)
  id!: string;
}

export const contractRef = (id: string): Contract => ({ id });

/** `DataAsset.contract`: custody's own field, here because it points at the stub above. */
@Resolver(() => DataAsset)
export class DataAssetContractResolver {
  @Authorized(READ_ASSETS)
  // Nullable: the gateway resolves the contract's fields from contracts, which may show a caller
  // (a partner token without contracts:read) no contract; that must not void the asset itself.
  @FieldResolver(() => Contract, {
    nullable: true,
    description: 'The contract it was entrusted under (fields from the contracts subgraph).',
  })
  contract(@Root() asset: DataAsset): Contract {
    return contractRef(asset.contractId);
  }
}

/** `Contract.assets`, added by custody to the contracts subgraph's entity. */
@Resolver(() => Contract)
export class ContractAssetsResolver {
  @Authorized(READ_ASSETS)
  // Nullable: with custody unreachable the gateway leaves out this field alone, with its error,
  // where a non-null one would void the whole contract and the other subgraphs' fields with it.
  @FieldResolver(() => DataAssetConnection, {
    nullable: true,
    description: "The contract's data assets; a partner sees only its own client's. null (with an error) if custody cannot answer.",
  })
  async assets(@Root() contract: Contract, @Args() page: PageArgs, @Ctx() ctx: CustodyContext) {
    const rows = await ctx.loaders.contractAssets.load({
      contractId: contract.id,
      limit: page.first + 1,
      afterId: page.after ? decodeCursor(page.after) : null,
    });
    return toPage(rows, page, toDataAsset);
  }
}
