/** Entity references from other subgraphs, batched per request and scoped in the data layer. */
import { ALL_STAFF, Scope } from '@azukari/common';
import { allow, isAllowed } from '@azukari/service-kit';
import type { ContractsContext } from '../context';
import { toContract, type Contract } from './contract.type';
import { toClient, type Client } from '../client/client.type';

// __resolveReference bypasses @Authorized: the same rule is applied here.
const READ = allow({ staff: ALL_STAFF, partner: Scope.CONTRACTS_READ });

export const contractReferences = {
  Contract: {
    __resolveReference: async (ref: { id: string }, ctx: ContractsContext): Promise<Contract | null> => {
      if (!isAllowed(ctx.principal, READ)) return null;
      const row = await ctx.loaders.contract.load(ref.id);
      return row ? toContract(row) : null;
    },
  },
  Client: {
    __resolveReference: async (ref: { id: string }, ctx: ContractsContext): Promise<Client | null> => {
      if (!isAllowed(ctx.principal, READ)) return null;
      const row = await ctx.loaders.client.load(ref.id);
      return row ? toClient(row) : null;
    },
  },
};
