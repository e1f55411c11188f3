/**
 * A value that a custom scalar (EmailAddress, LocalDate, DateTime) refuses is the caller's mistake:
 * through the gateway it answers BAD_USER_INPUT with the subgraph's message, whether the value is
 * written in the query text or sent as a variable, and nothing is written. So is a request body
 * that is not JSON or is over the gateway's limit (BAD_REQUEST, with 400 or 413).
 */
import { errorCodes, type GraphQLResponse } from '@azukari/testing';
import { startStack, type Stack } from '../src/stack';
import { createClient, createContract } from '../src/flows';

describe('a bad custom-scalar value, through the gateway', () => {
  let stack: Stack;
  let clientId: string;
  let contractId: string;
  beforeAll(async () => {
    stack = await startStack();
    clientId = (await createClient(stack, 'Scalar Input KK')).id;
    contractId = await createContract(stack, clientId);
  });
  afterAll(async () => {
    await stack.close();
  });

  const expectRefused = (res: GraphQLResponse<unknown>, message: RegExp): void => {
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.data ?? null).toBeNull();
  };

  const clientNames = async (): Promise<string[]> =>
    ((await stack.request(`{ clients(first: 100) { edges { node { name } } } }`)).data?.clients.edges ?? []).map(
      (e: { node: { name: string } }) => e.node.name,
    );

  it('refuses an email address that is not one (EmailAddress, contracts), inline and as a variable', async () => {
    expectRefused(
      await stack.request(
        `mutation { createClient(input: { name: "Inline Mail KK", address: "東京都", reportEmail: "not-an-email" }) { client { id } } }`,
      ),
      /not a valid email address: not-an-email/,
    );
    expectRefused(
      await stack.request(`mutation ($input: CreateClientInput!) { createClient(input: $input) { client { id } } }`, {
        input: { name: 'Variable Mail KK', address: '東京都', reportEmail: 'not-an-email' },
      }),
      /\$input.*reportEmail.*not a valid email address: not-an-email/,
    );
    const names = await clientNames();
    expect(names).toContain('Scalar Input KK');
    expect(names).not.toContain('Inline Mail KK');
    expect(names).not.toContain('Variable Mail KK');
  });

  it('refuses an email address that is not one (EmailAddress, personnel), inline and as a variable', async () => {
    expectRefused(
      await stack.request(`mutation { registerEmployee(input: { name: "書式 太郎", email: "taro@", kind: REGULAR_EMPLOYEE }) { id } }`),
      /not a valid email address: taro@/,
    );
    expectRefused(
      await stack.request(`mutation ($input: RegisterEmployeeInput!) { registerEmployee(input: $input) { id } }`, {
        input: { name: '書式 花子', email: 'hanako@', kind: 'REGULAR_EMPLOYEE' },
      }),
      /not a valid email address: hanako@/,
    );
    const employees = await stack.request(`{ employees(first: 100) { edges { node { name } } } }`);
    expect(employees.errors).toBeUndefined();
    const names = employees.data?.employees.edges.map((e: { node: { name: string } }) => e.node.name);
    expect(names).not.toContain('書式 太郎');
    expect(names).not.toContain('書式 花子');
  });

  it('refuses a date that does not exist (LocalDate, contracts), inline and as a variable', async () => {
    expectRefused(
      await stack.request(
        `mutation ($clientId: ID!) {
          createContract(input: { clientId: $clientId, title: "Inline date", purposes: ["payroll"], executedOn: "2026-02-30", startsOn: "2026-04-01" }) { id }
        }`,
        { clientId },
      ),
      /not a valid LocalDate: 2026-02-30/,
    );
    expectRefused(
      await stack.request(`mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`, {
        input: {
          clientId,
          title: 'Variable date',
          purposes: ['payroll'],
          executedOn: '2026-04-01',
          startsOn: '2026-04-01',
          endsOn: '2027-13-01',
        },
      }),
      /\$input.*endsOn.*not a valid LocalDate: 2027-13-01/,
    );
    const contracts = await stack.request(`query ($clientId: ID) { contracts(clientId: $clientId) { edges { node { id } } } }`, {
      clientId,
    });
    expect(contracts.data?.contracts.edges).toEqual([{ node: { id: contractId } }]);
  });

  it('refuses a time that is not one (DateTime, incidents), inline and as a variable', async () => {
    expectRefused(
      await stack.request(
        `mutation ($contractId: ID!) {
          reportIncident(input: { contractIds: [$contractId], kind: LEAKAGE, certainty: SUSPECTED, detectedAt: "yesterday", summary: "A laptop was lost." }) { id }
        }`,
        { contractId },
      ),
      /DateTime cannot represent an invalid date-time-string yesterday/,
    );
    expectRefused(
      await stack.request(`mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }`, {
        input: {
          contractIds: [contractId],
          kind: 'LEAKAGE',
          certainty: 'SUSPECTED',
          detectedAt: 'yesterday',
          summary: 'A laptop was lost.',
        },
      }),
      /\$input.*detectedAt.*yesterday/,
    );
    const incidents = await stack.request(`query ($contractId: ID) { incidents(contractId: $contractId) { edges { node { id } } } }`, {
      contractId,
    });
    expect(incidents.errors).toBeUndefined();
    expect(incidents.data?.incidents.edges).toEqual([]);
  });

  it('refuses a time that is not one (DateTime, custody), inline and as a variable', async () => {
    expectRefused(
      await stack.request(
        `mutation ($contractId: ID!) {
          registerAsset(input: { contractId: $contractId, name: "Inline time", form: ELECTRONIC, location: "rack 1", recordCount: 1, receivedAt: "2026-04-02 25:00" }) { id }
        }`,
        { contractId },
      ),
      /DateTime cannot represent an invalid date-time-string 2026-04-02 25:00/,
    );
    expectRefused(
      await stack.request(`mutation ($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }`, {
        input: { contractId, name: 'Variable time', form: 'ELECTRONIC', location: 'rack 1', recordCount: 1, receivedAt: 'last Tuesday' },
      }),
      /\$input.*receivedAt.*last Tuesday/,
    );
    const assets = await stack.request(`query ($contractId: ID!) { assets(contractId: $contractId) { edges { node { id } } } }`, {
      contractId,
    });
    expect(assets.errors).toBeUndefined();
    expect(assets.data?.assets.edges).toEqual([]);
  });

  it('still takes a good value of each scalar', async () => {
    const own = (await createClient(stack, 'Good Values KK')).id;
    const ownContract = await createContract(stack, own);
    const res = await stack.request(
      `mutation ($clientId: ID!, $contractId: ID!) {
        contract: createContract(input: { clientId: $clientId, title: "Good dates", purposes: ["payroll"], executedOn: "2026-02-28", startsOn: "2026-03-01" }) { executedOn }
        asset: registerAsset(input: { contractId: $contractId, name: "Good time", form: ELECTRONIC, location: "rack 1", recordCount: 1, receivedAt: "2026-04-02T01:00:00.000Z" }) { receivedAt }
      }`,
      { clientId: own, contractId: ownContract },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ contract: { executedOn: '2026-02-28' }, asset: { receivedAt: '2026-04-02T01:00:00.000Z' } });
  });

  it('refuses a body that is not JSON with 400, and one over 256 kB with 413, both BAD_REQUEST, writing nothing', async () => {
    const before = await clientNames();
    const post = async (body: string) => {
      const res = await fetch(stack.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.adminToken}` },
        body,
      });
      return { status: res.status, body: (await res.json()) as GraphQLResponse<unknown> };
    };
    const malformed = await post('{"query": "mutation { createClient(');
    expect(malformed.status).toBe(400);
    expect(errorCodes(malformed.body)).toEqual(['BAD_REQUEST']);
    const name = 'x'.repeat(300_000);
    const large = await post(
      JSON.stringify({
        query: 'mutation ($n: String!) { createClient(input: { name: $n, address: "東京都", reportEmail: "a@b.jp" }) { client { id } } }',
        variables: { n: name },
      }),
    );
    expect(large.status).toBe(413);
    expect(errorCodes(large.body)).toEqual(['BAD_REQUEST']);
    expect(await clientNames()).toEqual(before);
  });
});
