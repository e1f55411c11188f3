/** The main flow's steps as an operator and a partner take them through the gateway. */
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

const must = <T>(res: { data?: T | null; errors?: unknown[] }, what: string): T => {
  if (res.errors?.length || !res.data) throw new Error(`${what} failed: ${JSON.stringify(res.errors)}`);
  return res.data;
};

export const createClient = async (stack: Stack, name: string, webhookUrl?: string) => {
  const data = must(
    await stack.request<{ createClient: { client: { id: string }; webhookSecret: string | null } }>(
      `mutation ($input: CreateClientInput!) { createClient(input: $input) { client { id name } webhookSecret } }`,
      { input: { name, address: '東京都千代田区大手町1-6-1', reportEmail: 'privacy@example.jp', ...(webhookUrl ? { webhookUrl } : {}) } },
    ),
    'createClient',
  );
  return { id: data.createClient.client.id, webhookSecret: data.createClient.webhookSecret };
};

export const createContract = async (stack: Stack, clientId: string, title = '給与計算業務の委託') =>
  must(
    await stack.request<{ createContract: { id: string } }>(
      `mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`,
      { input: { clientId, title, purposes: ['payroll processing'], executedOn: '2026-04-01', startsOn: '2026-04-01' } },
    ),
    'createContract',
  ).createContract.id;

export const registerEmployee = async (stack: Stack, name: string, email: string) =>
  must(
    await stack.request<{ registerEmployee: { id: string } }>(
      `mutation ($input: RegisterEmployeeInput!) { registerEmployee(input: $input) { id } }`,
      { input: { name, email, kind: 'REGULAR_EMPLOYEE' } },
    ),
    'registerEmployee',
  ).registerEmployee.id;

export const createPartnerToken = async (stack: Stack, clientId: string, scopes: string[]) =>
  must(
    await stack.request<{ createApiToken: { token: string; apiToken: { id: string } } }>(
      `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id } } }`,
      { input: { kind: 'PARTNER', label: 'partner integration', clientId, scopes } },
    ),
    'createApiToken',
  ).createApiToken;

export const SCOPE = {
  contractsRead: 'CONTRACTS_READ',
  custodyRead: 'CUSTODY_READ',
  custodyWrite: 'CUSTODY_WRITE',
  incidentsRead: 'INCIDENTS_READ',
} as const;

export const registerAsset = async (stack: Stack, contractId: string, name: string, custodianId?: string, token?: string) =>
  must(
    await stack.request<{ registerAsset: { id: string } }>(
      `mutation ($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }`,
      {
        input: {
          contractId,
          name,
          form: 'ELECTRONIC',
          location: 'Tokyo DC rack 12',
          recordCount: 1200,
          receivedAt: '2026-04-02T01:00:00.000Z',
          ...(custodianId ? { custodianId } : {}),
        },
      },
      token,
    ),
    'registerAsset',
  ).registerAsset.id;

export const reportIncident = async (stack: Stack, contractIds: string[]) =>
  must(
    await stack.request<{ reportIncident: { id: string } }>(
      `mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }`,
      {
        input: {
          contractIds,
          kind: 'LEAKAGE',
          certainty: 'SUSPECTED',
          detectedAt: '2026-11-20T03:00:00.000Z',
          summary: 'A laptop holding exported payroll data was left on a train.',
        },
      },
    ),
    'reportIncident',
  ).reportIncident.id;
