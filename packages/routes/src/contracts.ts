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

/**
 * What the worker needs to deliver a report by webhook: where, the secrets that sign now (two while
 * a rotation overlaps), and the exact body. NOT_FOUND when the delivery, or its endpoint, is gone or
 * disabled: the delivery then fails for good and is set aside.
 */
export const WebhookDeliveryDetails = defineRoute({
  owner: 'contracts',
  path: '/deliveries/webhook',
  callers: ['worker'],
  request: z.object({ deliveryId: z.uuid() }),
  response: z.object({
    reportId: z.uuid(),
    endpointId: z.uuid(),
    url: z.url(),
    secrets: z.array(z.string().min(1)).min(1).max(2),
    body: z.string(),
  }),
});

export const reportLanguage = z.enum(['ja', 'en']);

/** What the worker needs to email a report: the address, the client's language and name, the report's body. */
export const EmailDeliveryDetails = defineRoute({
  owner: 'contracts',
  path: '/deliveries/email',
  callers: ['worker'],
  request: z.object({ deliveryId: z.uuid() }),
  response: z.object({
    reportId: z.uuid(),
    to: z.email(),
    language: reportLanguage,
    clientName: z.string(),
    /** The report as a webhook carries it (JSON): the email shows the same facts. */
    body: z.string(),
  }),
});

/** What the worker needs to tell a client by email that one of its webhook endpoints was disabled. */
export const EndpointNoticeDetails = defineRoute({
  owner: 'contracts',
  path: '/deliveries/endpoint-notice',
  callers: ['worker'],
  request: z.object({ endpointId: z.uuid() }),
  response: z.object({
    endpointId: z.uuid(),
    url: z.string(),
    to: z.email(),
    language: reportLanguage,
    clientName: z.string(),
  }),
});
