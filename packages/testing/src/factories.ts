/**
 * Base factories, in n8n's two forms: `newX` builds the input of X, unsaved, with every field a
 * test does not care about filled in plausibly (overridable); `createX` saves one through the API,
 * as a frontend or partner would, and returns what the API answered. Saving through GraphQL, not
 * the tables, keeps each app's rules and tenant scope in every fixture; the caller decides who
 * saves it (the gateway with a token, or one subgraph with a signed principal).
 */
import { randomBytes } from 'node:crypto';
import type { GraphQLResponse } from './graphql-client';

/** Sends one operation as some caller: `stack.request`, or a booted subgraph's `call` bound to a principal. */
export type GraphQLCaller = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<any>>;

/** A value no other fixture of this run has, for names and emails that must be unique. */
const unique = (): string => randomBytes(4).toString('hex');

const saved = <T>(res: GraphQLResponse<any>, field: string): T => {
  if (res.errors?.length || !res.data?.[field]) throw new Error(`${field} failed: ${JSON.stringify(res.errors ?? res.data)}`);
  return res.data[field] as T;
};

export interface ClientInput {
  name: string;
  address: string;
  reportEmail: string;
  webhookUrl?: string;
  language?: 'JA' | 'EN';
}

export const newClient = (overrides: Partial<ClientInput> = {}): ClientInput => ({
  name: `株式会社テスト ${unique()}`,
  address: '東京都千代田区大手町1-6-1',
  reportEmail: `privacy-${unique()}@example.jp`,
  ...overrides,
});

export const createClient = async (
  call: GraphQLCaller,
  overrides: Partial<ClientInput> = {},
): Promise<{ id: string; name: string; reportEmail: string; webhookSecret: string | null }> => {
  const payload = saved<{ client: { id: string; name: string; reportEmail: string }; webhookSecret: string | null }>(
    await call(`mutation ($input: CreateClientInput!) { createClient(input: $input) { client { id name reportEmail } webhookSecret } }`, {
      input: newClient(overrides),
    }),
    'createClient',
  );
  return { ...payload.client, webhookSecret: payload.webhookSecret };
};

export interface ContractInput {
  clientId: string;
  title: string;
  purposes: string[];
  executedOn: string;
  startsOn: string;
  endsOn?: string;
}

export const newContract = (clientId: string, overrides: Partial<ContractInput> = {}): ContractInput => ({
  clientId,
  title: '給与計算業務の委託',
  purposes: ['payroll processing'],
  executedOn: '2026-04-01',
  startsOn: '2026-04-01',
  ...overrides,
});

export const createContract = async (
  call: GraphQLCaller,
  clientId: string,
  overrides: Partial<ContractInput> = {},
): Promise<{ id: string }> =>
  saved(
    await call(`mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`, {
      input: newContract(clientId, overrides),
    }),
    'createContract',
  );

export interface EmployeeInput {
  name: string;
  email: string;
  kind: string;
}

export const newEmployee = (overrides: Partial<EmployeeInput> = {}): EmployeeInput => ({
  name: '佐藤 花子',
  email: `employee-${unique()}@operator.example`,
  kind: 'REGULAR_EMPLOYEE',
  ...overrides,
});

export const createEmployee = async (call: GraphQLCaller, overrides: Partial<EmployeeInput> = {}): Promise<{ id: string }> =>
  saved(
    await call(`mutation ($input: RegisterEmployeeInput!) { registerEmployee(input: $input) { id } }`, { input: newEmployee(overrides) }),
    'registerEmployee',
  );

export interface AssetInput {
  contractId: string;
  name: string;
  form: string;
  location: string;
  recordCount: number;
  receivedAt: string;
  custodianId?: string;
}

export const newAsset = (contractId: string, overrides: Partial<AssetInput> = {}): AssetInput => ({
  contractId,
  name: `給与台帳 ${unique()}`,
  form: 'ELECTRONIC',
  location: 'Tokyo DC rack 12',
  recordCount: 1200,
  receivedAt: '2026-04-02T01:00:00.000Z',
  ...overrides,
});

export const createAsset = async (call: GraphQLCaller, contractId: string, overrides: Partial<AssetInput> = {}): Promise<{ id: string }> =>
  saved(
    await call(`mutation ($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }`, {
      input: newAsset(contractId, overrides),
    }),
    'registerAsset',
  );

export interface IncidentInput {
  contractIds: string[];
  kind: string;
  certainty: string;
  detectedAt: string;
  summary: string;
}

export const newIncident = (contractIds: string[], overrides: Partial<IncidentInput> = {}): IncidentInput => ({
  contractIds,
  kind: 'LEAKAGE',
  certainty: 'SUSPECTED',
  detectedAt: '2026-11-20T03:00:00.000Z',
  summary: 'A laptop holding exported payroll data was left on a train.',
  ...overrides,
});

export const createIncident = async (
  call: GraphQLCaller,
  contractIds: string[],
  overrides: Partial<IncidentInput> = {},
): Promise<{ id: string }> =>
  saved(
    await call(`mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }`, {
      input: newIncident(contractIds, overrides),
    }),
    'reportIncident',
  );

export const newPartnerToken = (clientId: string, scopes: string[], label = 'partner integration') => ({
  kind: 'PARTNER',
  label,
  clientId,
  scopes,
});

export const createPartnerToken = async (
  call: GraphQLCaller,
  clientId: string,
  scopes: string[],
): Promise<{ token: string; apiToken: { id: string } }> =>
  saved(
    await call(`mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id } } }`, {
      input: newPartnerToken(clientId, scopes),
    }),
    'createApiToken',
  );
