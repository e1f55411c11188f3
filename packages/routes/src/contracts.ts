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

const instant = z.iso.datetime({ offset: true });

/** What a report's reader may answer: ACKNOWLEDGE and COMMENT always, and what the report's kind offers. */
const answerKinds = z
  .array(z.string().regex(/^[A-Z_]{1,20}$/))
  .min(1)
  .max(10);

/**
 * What the worker needs to email a report: the address, the client's language and name, the
 * report's body, and the recipient's own signed link (single use, expiring) with which the reader
 * answers without a token on the gateway's page.
 */
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
    /** The link's token (the page is `<AZUKARI_PUBLIC_URL>/report-link?token=...`), its expiry and the answers it offers. */
    link: z.object({ token: z.string().min(20).max(2000), expiresAt: instant, answers: answerKinds }),
  }),
});

/** The path of the gateway's public page that a report email's link opens. */
export const REPORT_LINK_PATH = '/report-link';

/** The answers a link offers, in the words the email (worker) and the link's page (gateway) both use. */
export const REPORT_ANSWER_WORDS: Record<string, Record<z.infer<typeof reportLanguage>, string>> = {
  ACKNOWLEDGE: { ja: '受領確認', en: 'Acknowledge' },
  COMMENT: { ja: 'コメント', en: 'Comment' },
  CHALLENGE: { ja: '異議（協議の申入れ）', en: 'Challenge (ask to discuss)' },
  CONSENT: { ja: '同意', en: 'Consent' },
  REFUSE: { ja: '不同意', en: 'Refuse' },
  INSTRUCT: { ja: '指示', en: 'Instruct' },
};

const linkToken = z.string().min(1).max(2000);

/**
 * What the page of a report email's link shows: the report's facts (ids, codes, times), the
 * client's name and language, and the answers it offers. Reads only: a mail scanner that fetches
 * the link uses nothing up. LINK_INVALID / LINK_EXPIRED / LINK_USED refuse it.
 */
export const ReportLinkView = defineRoute({
  owner: 'contracts',
  path: '/report-links/view',
  callers: ['gateway'],
  request: z.object({ token: linkToken }),
  response: z.object({
    reportId: z.uuid(),
    kind: z.string(),
    article: z.string(),
    subject: z.object({ type: z.string(), id: z.string() }),
    contractIds: z.array(z.string()),
    dueAt: instant,
    deliveredAt: instant.nullable(),
    facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number()]))])),
    clientName: z.string(),
    language: reportLanguage,
    recipient: z.string(),
    expiresAt: instant,
    answers: answerKinds,
    acknowledgedAt: instant.nullable(),
  }),
});

/**
 * The answer given on a report email's link page: recorded exactly as one made through the API,
 * with the recipient's address and the time, and the link used up in the same transaction.
 */
export const ReportLinkSubmit = defineRoute({
  owner: 'contracts',
  path: '/report-links/submit',
  callers: ['gateway'],
  request: z.object({
    token: linkToken,
    answer: z.string().regex(/^[A-Z_]{1,20}$/),
    comment: z.string().max(2000).nullable(),
  }),
  response: z.object({
    answerId: z.uuid(),
    reportId: z.uuid(),
    answer: z.string(),
    at: instant,
    language: reportLanguage,
    clientName: z.string(),
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
