/** Client references from other subgraphs, batched per request and scoped in the data layer. */
import { isAllowed } from '@azukari/service-kit';
import type { ContractsContext } from '../context';
import { READ_CONTRACTS } from '../contract/contract.rules';
import { toClient, type Client } from './client.type';

export const clientReferences = {
  Client: {
    // __resolveReference bypasses @Authorized: the same rule is applied here.
    __resolveReference: async (ref: { id: string }, ctx: ContractsContext): Promise<Client | null> => {
      if (!isAllowed(ctx.principal, READ_CONTRACTS)) return null;
      const row = await ctx.loaders.client.load(ref.id);
      return row ? toClient(row) : null;
    },
  },
};
