/** DataAsset references from other subgraphs, batched per request and scoped in the data layer. */
import { isAllowed } from '@azukari/service-kit';
import type { CustodyContext } from '../context';
import { READ_ASSETS } from './data-asset.rules';
import { toDataAsset, type DataAsset } from './data-asset.type';

export const dataAssetReferences = {
  DataAsset: {
    // __resolveReference bypasses @Authorized: the same rule is applied here.
    __resolveReference: async (ref: { id: string }, ctx: CustodyContext): Promise<DataAsset | null> => {
      if (!isAllowed(ctx.principal, READ_ASSETS)) return null;
      const row = await ctx.loaders.asset.load(ref.id);
      return row ? toDataAsset(row) : null;
    },
  },
};
