/** On-site inspections (Art 13.2–13.5) as a partner and the operator's staff take them through the gateway. */
import { tokyoDateOf } from '@azukari/common';
import type { GraphQLResponse } from '@azukari/testing';
import type { Stack } from './stack';

/** The scopes a partner that requests inspections, reads them and manages its report endpoints carries (ApiScope names). */
export const INSPECTION_PARTNER_SCOPES = ['INSPECTIONS_REQUEST', 'CONTRACTS_READ', 'WEBHOOKS_WRITE'];

/** The date in Japan `days` from now: today is 0. */
export const tokyoDay = (days = 0): string => tokyoDateOf(new Date(Date.now() + days * 86_400_000));

export const INSPECTION_FIELDS = `id clientId status noticeChannel noticeGivenOn scheduledOn ndaRequired declineReason declineExplanation
  nda { signedOn } entryRulesAcknowledgement { via acknowledgedOn } contractIds costs { id amountJpy discussionId }`;

export const INSPECTION_MUTATIONS = {
  request: `mutation ($input: RequestInspectionInput!) { requestInspection(input: $input) { ${INSPECTION_FIELDS} } }`,
  accept: `mutation ($input: AcceptInspectionInput!) { acceptInspection(input: $input) { ${INSPECTION_FIELDS} } }`,
  decline: `mutation ($input: DeclineInspectionInput!) { declineInspection(input: $input) { ${INSPECTION_FIELDS} } }`,
  recordNda: `mutation ($input: RecordInspectionNdaInput!) { recordInspectionNda(input: $input) { ${INSPECTION_FIELDS} } }`,
  acknowledgeEntryRules: `mutation ($input: AcknowledgeInspectionEntryRulesInput!) { acknowledgeInspectionEntryRules(input: $input) { ${INSPECTION_FIELDS} } }`,
  confirm: `mutation ($id: ID!) { confirmInspection(id: $id) { ${INSPECTION_FIELDS} } }`,
  discuss: `mutation ($input: RecordInspectionCostDiscussionInput!) { recordInspectionCostDiscussion(input: $input) { id discussedOn } }`,
  charge: `mutation ($input: ChargeInspectionCostInput!) { chargeInspectionCost(input: $input) { id amountJpy discussionId } }`,
} as const;

/** A partner's request, proposing dates a week and two weeks out. */
export const inspectionRequest = (contractIds: string[], overrides: Record<string, unknown> = {}) => ({
  input: {
    contractIds,
    proposedDates: [tokyoDay(7), tokyoDay(14)],
    purpose: '安全管理措置（入退室管理・アクセス制御）の実施状況の確認',
    inspectors: [{ role: '情報セキュリティ監査担当', organization: '委託元' }],
    ...overrides,
  },
});

/** Sends an inspection operation and fails loudly on any error: for the steps a test is not about. */
export const inspectionStep = async (
  stack: Stack,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<Record<string, any>> => {
  const res: GraphQLResponse<Record<string, any>> = await stack.request(query, variables, token);
  if (res.errors) throw new Error(`inspection step failed: ${JSON.stringify(res.errors)}`);
  return res.data!;
};

/** How many rows of an inspection's table the contracts database holds for it. */
export const inspectionRows = async (stack: Stack, table: 'inspection' | 'inspection_cost' | 'inspection_cost_discussion', id: string) =>
  Number(
    (
      await stack.resources.sql<{ n: number }>(
        'contracts',
        `SELECT COUNT(*) AS n FROM ${table} WHERE ${table === 'inspection' ? 'id' : 'inspectionId'} = ?`,
        [id],
      )
    )[0]!.n,
  );
