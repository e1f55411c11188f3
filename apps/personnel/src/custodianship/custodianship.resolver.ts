import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ALL_STAFF, Scope } from '@azukari/common';
import { allow } from '@azukari/service-kit';
import type { PersonnelContext } from '../context';
import { Custodian, DataAsset, toCustodian } from './custodianship.type';

@Resolver(() => DataAsset)
export class CustodianshipResolver {
  @Authorized(allow({ staff: ALL_STAFF, partner: Scope.CUSTODY_READ }))
  @FieldResolver(() => Custodian, {
    nullable: true,
    description: "Who holds the asset in custody now; null if nobody does, or the asset is not the caller's to see.",
  })
  async custodian(@Root() asset: DataAsset, @Ctx() ctx: PersonnelContext): Promise<Custodian | null> {
    const view = await ctx.loaders.custodian.load(asset.id);
    return view ? toCustodian(view) : null;
  }
}
