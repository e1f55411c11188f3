/** The steps of a contract's life, its written consents and the decision, as staff and partners take them through the gateway. */
import type { Stack } from './stack';

/** The partner scope that grants and revokes its client's written consents (ApiScope). */
export const CONSENTS_WRITE = 'CONSENTS_WRITE';

export const CONSENT_FIELDS = 'id contractId kind state purposes subcontractorId source recordedByTokenId grantedAt expiresAt revokedAt';
const DECISION_FIELDS = 'allowed refusal article consentId contractStatus grounds { kind purposeVersion consentId consentKind }';

export interface Decision {
  allowed: boolean;
  refusal: string | null;
  article: string;
  consentId: string | null;
  contractStatus: string;
  grounds: { kind: string; purposeVersion: number | null; consentId: string | null; consentKind: string | null }[];
}

export interface ConsentScope {
  kind: 'BEYOND_PURPOSE' | 'TAKE_OUT' | 'RE_ENTRUSTMENT';
  purposes?: string[] | null;
  assetIds?: string[] | null;
  subcontractorId?: string | null;
  expiresAt?: string | null;
}

/** What the client signed: the digest of its document and who signed it. */
const signed = (contractId: string, scope: ConsentScope) => ({
  contractId,
  ...scope,
  documentSha256: 'c0ffee'.padEnd(64, '0'),
  grantedByName: '鈴木 一郎',
  grantedByTitle: '個人情報保護管理者',
});

const ok = async <T>(stack: Stack, field: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
  const res = await stack.request(query, variables, token);
  if (res.errors) throw new Error(`${field}: ${JSON.stringify(res.errors)}`);
  return res.data![field] as T;
};

export const RECORD_CONSENT = `mutation ($input: RecordWrittenConsentInput!) { recordWrittenConsent(input: $input) { ${CONSENT_FIELDS} } }`;
export const GRANT_CONSENT = `mutation ($input: GrantWrittenConsentInput!) { grantWrittenConsent(input: $input) { ${CONSENT_FIELDS} } }`;
export const REVOKE_CONSENT = `mutation ($input: RevokeWrittenConsentInput!) { revokeWrittenConsent(input: $input) { ${CONSENT_FIELDS} } }`;
export const DECIDE = `query ($contractId: ID!, $action: ContractAction!, $purpose: String!, $assetId: ID, $subcontractorId: ID) {
  contractDecision(contractId: $contractId, action: $action, purpose: $purpose, assetId: $assetId, subcontractorId: $subcontractorId) { ${DECISION_FIELDS} } }`;
export const END_CONTRACT = `mutation ($input: EndContractInput!) { endContract(input: $input) { id status serviceEndedOn } }`;
export const TERMINATE_CONTRACT = `mutation ($input: TerminateContractInput!) { terminateContract(input: $input) { id status serviceEndedOn } }`;

export const signedConsent = signed;

/** Staff record a consent the client signed on paper at `grantedAt`. */
export const recordConsent = async (stack: Stack, contractId: string, scope: ConsentScope, grantedAt = new Date().toISOString()) =>
  await ok<{ id: string; state: string }>(stack, 'recordWrittenConsent', RECORD_CONSENT, {
    input: { ...signed(contractId, scope), grantedAt },
  });

/** The client grants one through the API with its consents:write token. */
export const grantConsent = async (stack: Stack, token: string, contractId: string, scope: ConsentScope) =>
  await ok<{ id: string; state: string; source: string; recordedByTokenId: string }>(
    stack,
    'grantWrittenConsent',
    GRANT_CONSENT,
    { input: signed(contractId, scope) },
    token,
  );

export const revokeConsent = async (stack: Stack, id: string, reason: string, token?: string) =>
  await ok<{ id: string; state: string }>(stack, 'revokeWrittenConsent', REVOKE_CONSENT, { input: { id, reason } }, token);

export const decide = async (
  stack: Stack,
  question: { contractId: string; action: string; purpose: string; assetId?: string; subcontractorId?: string },
  token?: string,
) => await ok<Decision>(stack, 'contractDecision', DECIDE, question, token);

/** Staff record that the service of a contract ended on `endedOn`. */
export const endContract = async (stack: Stack, id: string, endedOn: string) =>
  await ok<{ id: string; status: string }>(stack, 'endContract', END_CONTRACT, { input: { id, endedOn } });

/** Today in Japan, the day an end may fall on at the latest. */
export const tokyoToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
