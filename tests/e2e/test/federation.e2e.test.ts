/** One endpoint, four subgraphs: what a frontend sees through the gateway. */
import { Socket } from 'node:net';
import { errorCodes, gatewayCredential, staffPrincipal } from '@azukari/testing';
import { startStack, type Stack } from '../src/stack';
import {
  createClient,
  createContract,
  createPartnerToken,
  custodianRecorded,
  registerAsset,
  registerEmployee,
  reportIncident,
  SCOPE,
} from '../src/flows';

// Every outgoing connection any process of the stack makes, to prove none leaves this machine
// (no Apollo usage reporting, no cloud metadata probes).
const destinations = new Set<string>();
const originalConnect = Socket.prototype.connect;
Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
  const first = args[0] as { host?: string; path?: string } | number | string;
  if (typeof first === 'object' && first !== null && !first.path) destinations.add(first.host ?? 'localhost');
  if (typeof first === 'number') destinations.add(typeof args[1] === 'string' ? args[1] : 'localhost');
  return (originalConnect as (...a: unknown[]) => Socket).apply(this, args);
} as typeof Socket.prototype.connect;

describe('through the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
    Socket.prototype.connect = originalConnect;
  });

  it("joins a contract, its assets, each asset's custodian and the contract's incidents across all four subgraphs", async () => {
    const client = await createClient(stack, '株式会社サンプル');
    const contractId = await createContract(stack, client.id);
    const custodian = await registerEmployee(stack, '山田 花子', 'hanako.yamada@operator.example');
    await custodianRecorded(stack, await registerAsset(stack, contractId, '給与台帳 2026', custodian));
    await registerAsset(stack, contractId, '源泉徴収票 控え');
    const incidentId = await reportIncident(stack, [contractId]);

    const res = await stack.request(
      `query ($id: ID!) {
        contract(id: $id) {
          title client { name }
          assets(first: 10) { edges { node { name form custodian { name employee { email } } } } }
          incidents(first: 10) { edges { node { id kind certainty } } }
        }
      }`,
      { id: contractId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.contract).toEqual({
      title: '給与計算業務の委託',
      client: { name: '株式会社サンプル' },
      assets: {
        edges: [
          {
            node: {
              name: '給与台帳 2026',
              form: 'ELECTRONIC',
              custodian: { name: '山田 花子', employee: { email: 'hanako.yamada@operator.example' } },
            },
          },
          { node: { name: '源泉徴収票 控え', form: 'ELECTRONIC', custodian: null } },
        ],
      },
      incidents: { edges: [{ node: { id: incidentId, kind: 'LEAKAGE', certainty: 'SUSPECTED' } }] },
    });
  });

  it('tells a caller who it is', async () => {
    const staff = await stack.request(`{ viewer { kind role scopes client { id } } }`);
    expect(staff.data?.viewer).toEqual({ kind: 'STAFF', role: 'ADMIN', scopes: [], client: null });

    const client = await createClient(stack, 'Viewer KK');
    const { token } = await createPartnerToken(stack, client.id, [SCOPE.contractsRead, SCOPE.custodyRead]);
    const partner = await stack.request(`{ viewer { kind role scopes client { id name } } }`, {}, token);
    expect(partner.data?.viewer).toEqual({
      kind: 'PARTNER',
      role: null,
      scopes: ['CONTRACTS_READ', 'CUSTODY_READ'],
      client: { id: client.id, name: 'Viewer KK' },
    });
  });

  it('refuses a request without a token, with a malformed one and with an unknown one', async () => {
    const none = await stack.request(`{ viewer { kind } }`, {}, '');
    expect(none.status).toBe(401);
    expect(errorCodes(none)).toEqual(['UNAUTHENTICATED']);
    const mangled = stack.adminToken.slice(0, -1) + (stack.adminToken.endsWith('A') ? 'B' : 'A');
    expect(errorCodes(await stack.request(`{ viewer { kind } }`, {}, mangled))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await stack.request(`{ viewer { kind } }`, {}, 'azk_' + 'x'.repeat(42)))).toEqual(['UNAUTHENTICATED']);
  });

  it('answers bad input with BAD_USER_INPUT and writes nothing', async () => {
    const client = await createClient(stack, 'Bad Input KK');
    const contractId = await createContract(stack, client.id);
    const res = await stack.request(`mutation ($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }`, {
      input: { contractId, name: '', form: 'ELECTRONIC', location: 'x', recordCount: -1, receivedAt: '2026-04-02T00:00:00Z' },
    });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    const assets = await stack.request(`query ($id: ID!) { assets(contractId: $id) { edges { node { id } } } }`, { id: contractId });
    expect(assets.data?.assets.edges).toEqual([]);
  });

  it('keeps queries within the limits: too deep or too costly is refused before any subgraph is asked', async () => {
    const deep = `{ contracts { edges { node { client { id } assets { edges { node { contract { assets { edges { node { contract { assets { edges { node { id } } } } } } } } } } } } } } }`;
    const res = await stack.request(deep);
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(errorCodes(res)[0]).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('answers a malformed or oversized body with BAD_REQUEST and no stack, at the gateway and at a subgraph', async () => {
    const targets = [
      { url: stack.graphqlUrl, authorization: `Bearer ${stack.adminToken}` },
      // A subgraph authenticates before it reads a body: the caller here is the gateway.
      { url: `${stack.serviceUrls.contracts}/graphql`, authorization: `Bearer ${await gatewayCredential('contracts', staffPrincipal())}` },
    ];
    for (const { url, authorization } of targets) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: '{bad' });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(text).not.toMatch(/node_modules|SyntaxError|at /);
    }
    const huge = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'x'.repeat(300_000) }),
    });
    expect(huge.status).toBe(413);
  });

  it('serves liveness and readiness on every process', async () => {
    for (const url of [stack.gateway.url, ...Object.values(stack.serviceUrls), stack.workerUrl]) {
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
      const ready = await fetch(`${url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { status: string }).status).toBe('ok');
    }
  });

  it('gives a staff token a role and the employee it acts for, which personnel must know', async () => {
    const employeeId = await registerEmployee(stack, '高橋 次郎', 'jiro.takahashi@operator.example');
    const created = await stack.request(
      `mutation ($i: CreateApiTokenInput!) { createApiToken(input: $i) { token apiToken { kind role employeeId } } }`,
      { i: { kind: 'STAFF', label: 'handler', role: 'HANDLER', employeeId } },
    );
    expect(created.data?.createApiToken.apiToken).toEqual({ kind: 'STAFF', role: 'HANDLER', employeeId });
    const viewer = await stack.request(`{ viewer { kind role employeeId } }`, {}, created.data?.createApiToken.token);
    expect(viewer.data?.viewer).toEqual({ kind: 'STAFF', role: 'HANDLER', employeeId });
    // A handler may not create clients.
    const refused = await stack.request(
      `mutation { createClient(input: { name: "x", address: "x", reportEmail: "a@b.jp" }) { client { id } } }`,
      {},
      created.data?.createApiToken.token,
    );
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);

    const unknown = await stack.request(`mutation ($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }`, {
      i: { kind: 'STAFF', label: 'ghost', role: 'ADMIN', employeeId: '01936b2e-7c1a-7000-8000-0000000000ff' },
    });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
  });

  it('never connects anywhere but this machine', () => {
    expect(destinations.size).toBeGreaterThan(0);
    expect([...destinations].filter((host) => !['127.0.0.1', 'localhost', '::1'].includes(host))).toEqual([]);
  });
});
