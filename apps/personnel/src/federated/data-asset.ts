/**
 * The custody subgraph's DataAsset, as personnel knows it, and everything personnel says about
 * it: its key and `DataAsset.custodian`, which personnel alone defines because it owns
 * custodianships. Every subgraph keeps what it adds to another's entity in
 * `src/federated/<entity>.ts`, so that each federation seam is found in one place; the gateway
 * resolves every other field from custody, the owner.
 */
import { Authorized, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { PersonnelContext } from '../context';
import { Custodian, toCustodian } from '../custodianship/custodianship.type';
import { READ_CUSTODIANS } from '../custodianship/custodianship.rules';

@Directive('@key(fields: "id")')
// No description here: the owner's description is the one the supergraph shows.
@ObjectType()
export class DataAsset {
  @Field(() => ID)
  id!: string;
}

/** `DataAsset.custodian`, added by personnel to the custody subgraph's entity. */
@Resolver(() => DataAsset)
export class DataAssetCustodianResolver {
  @Authorized(READ_CUSTODIANS)
  // Nullable: nobody may hold the asset, and with personnel unreachable the gateway leaves out this
  // field alone, with its error, where a non-null one would void the whole asset.
  @FieldResolver(() => Custodian, {
    nullable: true,
    description: "Who holds the asset in custody now; null if nobody does, or the asset is not the caller's to see.",
  })
  async custodian(@Root() asset: DataAsset, @Ctx() ctx: PersonnelContext): Promise<Custodian | null> {
    const view = await ctx.loaders.custodian.load(asset.id);
    return view ? toCustodian(view) : null;
  }
}
