/** What other services ask contracts, the owner of clients, contracts, tokens and client reports. */
import { z } from 'zod';
import { defineRoute, principalSchema } from '@azukari/common';

const ids = z.array(z.uuid()).min(1).max(500);

/** The gateway turns a bearer token into a principal; null for an unknown, revoked or expired one. */
export const VerifyToken = defineRoute({
  owner: 'contracts',
  path: '/tokens/verify',
  callers: ['gateway'],
  request: z.object({ token: z.string().max(200) }),
  response: z.object({ principal: principalSchema.nullable(), expiresAt: z.iso.datetime({ offset: true }).nullable() }),
});

export const contractFact = z.object({ id: z.uuid(), clientId: z.uuid(), status: z.enum(['ACTIVE', 'ENDED']) });
export type ContractFact = z.infer<typeof contractFact>;

/** Which client owns these contracts, and are they active? Answered within the carried caller's scope. */
export const LookupContracts = defineRoute({
  owner: 'contracts',
  path: '/contracts/lookup',
  callers: ['custody', 'incidents', 'personnel'],
  request: z.object({ ids }),
  response: z.object({ contracts: z.array(contractFact) }),
});

/** What the worker needs to deliver a report by webhook: where, the signing secret, the exact body. */
export const WebhookDeliveryDetails = defineRoute({
  owner: 'contracts',
  path: '/deliveries/webhook',
  callers: ['worker'],
  request: z.object({ reportId: z.uuid() }),
  response: z.object({ reportId: z.uuid(), url: z.url(), secret: z.string().min(1), body: z.string() }),
});
