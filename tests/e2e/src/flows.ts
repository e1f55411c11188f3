/** The main flow's steps as an operator and a partner take them through the gateway. */
import { factories } from '@azukari/testing';
import type { Stack } from './stack';

export const waitUntil = async <T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** The e2e flows are the base factories (@azukari/testing) saved through the gateway as the operator's admin, or a token. */
const as =
  (stack: Stack, token?: string): factories.GraphQLCaller =>
  async (query, variables) =>
    await stack.request(query, variables, token);

export const createClient = async (stack: Stack, name: string, webhookUrl?: string, language?: 'JA' | 'EN') => {
  const client = await factories.createClient(as(stack), {
    name,
    ...(webhookUrl ? { webhookUrl } : {}),
    ...(language ? { language } : {}),
  });
  return { id: client.id, reportEmail: client.reportEmail, webhookSecret: client.webhookSecret };
};

export const createContract = async (stack: Stack, clientId: string, title = '給与計算業務の委託') =>
  (await factories.createContract(as(stack), clientId, { title })).id;

export const registerEmployee = async (stack: Stack, name: string, email: string) =>
  (await factories.createEmployee(as(stack), { name, email })).id;

export const createPartnerToken = async (stack: Stack, clientId: string, scopes: string[]) =>
  await factories.createPartnerToken(as(stack), clientId, scopes);

export const SCOPE = {
  contractsRead: 'CONTRACTS_READ',
  custodyRead: 'CUSTODY_READ',
  custodyWrite: 'CUSTODY_WRITE',
  incidentsRead: 'INCIDENTS_READ',
  auditRead: 'AUDIT_READ',
  webhooksWrite: 'WEBHOOKS_WRITE',
} as const;

export const registerAsset = async (stack: Stack, contractId: string, name: string, custodianId?: string, token?: string) =>
  (await factories.createAsset(as(stack, token), contractId, { name, ...(custodianId ? { custodianId } : {}) })).id;

/**
 * Waits until personnel shows the asset's custodian: it records custodianships from custody's
 * event, shortly after registerAsset answers (a cross-service write, docs/ARCHITECTURE.md).
 */
export const custodianRecorded = async (stack: Stack, assetId: string) =>
  await waitUntil(
    async () =>
      (
        await stack.request<{ asset: { custodian: { name: string } | null } | null }>(
          `query ($id: ID!) { asset(id: $id) { custodian { name } } }`,
          { id: assetId },
        )
      ).data?.asset?.custodian,
    20_000,
    `the custodian of asset ${assetId} to be recorded`,
  );

export const reportIncident = async (stack: Stack, contractIds: string[]) => (await factories.createIncident(as(stack), contractIds)).id;

/** The client's choice of channels for every kind of report (kind `*`), as a staff member sets it. */
export const chooseChannels = async (stack: Stack, clientId: string, channels: { email: boolean; webhook: boolean }): Promise<void> => {
  const res = await stack.request(`mutation ($input: SetReportChannelsInput!) { setReportChannels(input: $input) { kind } }`, {
    input: { clientId, kind: '*', ...channels },
  });
  if (res.errors) throw new Error(`setReportChannels: ${JSON.stringify(res.errors)}`);
};
