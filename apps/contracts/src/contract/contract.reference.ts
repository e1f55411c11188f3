/** Contract references from other subgraphs, batched per request and scoped in the data layer. */
import { isAllowed } from '@azukari/service-kit';
import { READ_CONTRACTS } from './contract.rules';
import type { ContractsContext } from '../context';
import { toContract, type Contract } from './contract.type';

// __resolveReference bypasses @Authorized: the same rule is applied here.

export const contractReferences = {
  Contract: {
    __resolveReference: async (ref: { id: string }, ctx: ContractsContext): Promise<Contract | null> => {
      if (!isAllowed(ctx.principal, READ_CONTRACTS)) return null;
      const row = await ctx.loaders.contract.load(ref.id);
      return row ? toContract(row) : null;
    },
  },
};
