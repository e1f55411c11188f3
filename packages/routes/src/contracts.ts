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

/**
 * A contract's life: DRAFT (not yet in force), ACTIVE, ENDED (the service ran its course) or
 * TERMINATED (cut short). Only an ACTIVE contract takes new handling; data of an ENDED or
 * TERMINATED one may still be held until it is returned or disposed of (Art 9).
 */
export const CONTRACT_STATUSES = ['DRAFT', 'ACTIVE', 'ENDED', 'TERMINATED'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const contractFact = z.object({ id: z.uuid(), clientId: z.uuid(), status: z.enum(CONTRACT_STATUSES) });
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

/** What may be done with a contract's personal information (Art 2.1, 2.2, 3, 4, 6.1). */
export const CONTRACT_ACTIONS = ['USE', 'COPY', 'DUPLICATE', 'MODIFY', 'TAKE_OUT', 'DISCLOSE', 'TRANSFER_TO_SUBCONTRACTOR'] as const;
export type ContractAction = (typeof CONTRACT_ACTIONS)[number];

/** Why an action is refused: the most specific reason (docs/REGULATIONS.md, "The decision"). */
export const DECISION_REFUSALS = [
  'CONTRACT_NOT_ACTIVE',
  'CONSENT_REQUIRED',
  'CONSENT_EXPIRED',
  'CONSENT_REVOKED',
  'PURPOSE_NOT_PERMITTED',
] as const;
export type DecisionRefusal = (typeof DECISION_REFUSALS)[number];

export const CONSENT_KINDS = ['BEYOND_PURPOSE', 'TAKE_OUT', 'RE_ENTRUSTMENT'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** What allows an action: the contract's purpose (at a purpose version) or a written consent. */
export const decisionGround = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('CONTRACT_PURPOSE'), purposeVersion: z.number().int().min(1) }),
  z.object({ kind: z.literal('WRITTEN_CONSENT'), consentId: z.uuid(), consentKind: z.enum(CONSENT_KINDS) }),
]);
export type DecisionGround = z.infer<typeof decisionGround>;

export const contractDecision = z.object({
  contractId: z.uuid(),
  action: z.enum(CONTRACT_ACTIONS),
  purpose: z.string(),
  assetId: z.uuid().nullable(),
  subcontractorId: z.uuid().nullable(),
  allowed: z.boolean(),
  /** Every ground the allowance rests on (all must hold); empty when refused. */
  grounds: z.array(decisionGround),
  refusal: z.enum(DECISION_REFUSALS).nullable(),
  /** The article whose rule decided. */
  article: z.string(),
  /** The revoked or expired consent a refusal names. */
  consentId: z.uuid().nullable(),
  contractStatus: z.enum(CONTRACT_STATUSES),
  decidedAt: z.iso.datetime({ offset: true }),
  message: z.string(),
});
export type ContractDecision = z.infer<typeof contractDecision>;

/**
 * May this contract do ACTION for PURPOSE now (on contracts' clock)? Decided from the contract's
 * status and purposes and the client's written consents; records nothing. Answered within the
 * carried caller's scope: another client's contract is NOT_FOUND. A refusal is an answer
 * (`allowed: false`), not an error: the caller decides what a refusal means for its write.
 */
export const DecideContractAction = defineRoute({
  owner: 'contracts',
  path: '/contracts/decide',
  callers: ['custody', 'personnel', 'incidents'],
  request: z.object({
    contractId: z.uuid(),
    action: z.enum(CONTRACT_ACTIONS),
    purpose: z.string().min(1).max(200),
    assetId: z.uuid().nullable().optional(),
    subcontractorId: z.uuid().nullable().optional(),
  }),
  response: z.object({ decision: contractDecision }),
});
