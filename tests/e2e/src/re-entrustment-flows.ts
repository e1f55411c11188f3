/** Re-entrustment's steps (Art 6, 13.6) as the operator's staff and a partner take them through the gateway. */
import type { Stack } from './stack';

/** The scopes re-entrustment adds, as the ApiScope enum names them. */
export const RE_ENTRUSTMENT_SCOPE = {
  consentsWrite: 'CONSENTS_WRITE',
  reportsAck: 'REPORTS_ACK',
} as const;

const must = async <T>(stack: Stack, field: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
  const res = await stack.request(query, variables, token);
  if (res.errors) throw new Error(`${field}: ${JSON.stringify(res.errors)}`);
  return res.data![field] as T;
};

export const createSubcontractor = async (stack: Stack, name: string, address: string): Promise<string> =>
  (
    await must<{ id: string }>(
      stack,
      'createSubcontractor',
      `mutation ($input: CreateSubcontractorInput!) { createSubcontractor(input: $input) { id } }`,
      { input: { name, address } },
    )
  ).id;

export const proposeReEntrustment = async (
  stack: Stack,
  contractId: string,
  subcontractorId: string,
  part: string,
  answerBy?: string,
): Promise<string> =>
  (
    await must<{ id: string }>(
      stack,
      'proposeReEntrustment',
      `mutation ($input: ProposeReEntrustmentInput!) { proposeReEntrustment(input: $input) { id } }`,
      { input: { contractId, subcontractorId, part, ...(answerBy ? { answerBy } : {}) } },
    )
  ).id;

export const DECIDE_RE_ENTRUSTMENT = `mutation ($input: DecideReEntrustmentInput!) {
  decideReEntrustment(input: $input) { id status dataMayFlow decision { decision via documentSha256 signedBy } }
}`;

export const RECORD_SUBCONTRACTOR_REPORT = `mutation ($input: RecordSubcontractorReportInput!) {
  recordSubcontractorReport(input: $input) { id reEntrustmentId }
}`;

export const INSTRUCT_SUBCONTRACTOR = `mutation ($input: InstructSubcontractorInput!) {
  instructSubcontractor(input: $input) { id reportId instructions givenVia }
}`;
