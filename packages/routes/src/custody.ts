/** What other services ask custody, the owner of data assets. */
import { z } from 'zod';
import { defineRoute } from '@azukari/common';

export const assetFact = z.object({
  id: z.uuid(),
  contractId: z.uuid(),
  clientId: z.uuid(),
  status: z.enum(['HELD', 'RETURNED', 'DISPOSED']),
});
export type AssetFact = z.infer<typeof assetFact>;

/** Which contract and client do these assets belong to, and are they still held? Within the caller's scope. */
export const LookupAssets = defineRoute({
  owner: 'custody',
  path: '/assets/lookup',
  callers: ['personnel', 'incidents'],
  request: z.object({ ids: z.array(z.uuid()).min(1).max(500) }),
  response: z.object({ assets: z.array(assetFact) }),
});
