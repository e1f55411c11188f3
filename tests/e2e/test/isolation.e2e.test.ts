/**
 * A partner sees only its own client's rows, through every query and nested field of every
 * subgraph, and a write against another client's contract fails as if it did not exist.
 */
import { errorCodes } from '@azukari/testing';
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

const ALL = [SCOPE.contractsRead, SCOPE.custodyRead, SCOPE.custodyWrite, SCOPE.incidentsRead];

describe('tenant isolation through the gateway', () => {
  let stack: Stack;
  let a: { client: string; contract: string; asset: string; token: string };
  let b: { client: string; contract: string; asset: string; token: string };
  let sharedIncident: string;
  let onlyB: string;

  beforeAll(async () => {
    stack = await startStack();
    const custodian = await registerEmployee(stack, '佐藤 一郎', 'ichiro.sato@operator.example');
    const make = async (name: string) => {
      const client = (await createClient(stack, name)).id;
      const contract = await createContract(stack, client);
      const asset = await registerAsset(stack, contract, `${name} 顧客台帳`, custodian);
      await custodianRecorded(stack, asset);
      const { token } = await createPartnerToken(stack, client, ALL);
      return { client, contract, asset, token };
    };
    a = await make('Client A');
    b = await make('Client B');
    sharedIncident = await reportIncident(stack, [a.contract, b.contract]);
    onlyB = await reportIncident(stack, [b.contract]);
  });
  afterAll(async () => {
    await stack.close();
  });

  it("contracts: lists, single reads and clientId arguments stay within the partner's client", async () => {
    const list = await stack.request(`{ contracts { edges { node { id } } } clients { edges { node { id } } } }`, {}, a.token);
    expect(list.data?.contracts.edges).toEqual([{ node: { id: a.contract } }]);
    expect(list.data?.clients.edges).toEqual([{ node: { id: a.client } }]);
    const other = await stack.request(`query ($c: ID) { contracts(clientId: $c) { edges { node { id } } } }`, { c: b.client }, a.token);
    expect(other.data?.contracts.edges).toEqual([]);
    expect((await stack.request(`query ($id: ID!) { contract(id: $id) { id } }`, { id: b.contract }, a.token)).data?.contract).toBeNull();
  });

  it("custody: another client's assets are not listed, not readable and not writable", async () => {
    const own = await stack.request(`query ($c: ID!) { assets(contractId: $c) { edges { node { id } } } }`, { c: a.contract }, a.token);
    expect(own.data?.assets.edges).toEqual([{ node: { id: a.asset } }]);
    const other = await stack.request(`query ($c: ID!) { assets(contractId: $c) { edges { node { id } } } }`, { c: b.contract }, a.token);
    expect(other.data?.assets.edges).toEqual([]);
    const write = await stack.request(
      `mutation ($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }`,
      { input: { contractId: b.contract, name: 'x', form: 'PAPER', location: 'x', recordCount: 1, receivedAt: '2026-04-02T00:00:00Z' } },
      a.token,
    );
    expect(errorCodes(write)).toEqual(['NOT_FOUND']);
    const missing = await stack.request(
      `mutation ($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }`,
      {
        input: {
          contractId: '01930000-0000-7000-8000-000000000000',
          name: 'x',
          form: 'PAPER',
          location: 'x',
          recordCount: 1,
          receivedAt: '2026-04-02T00:00:00Z',
        },
      },
      a.token,
    );
    expect(missing.errors?.[0]?.message.replace(/[0-9a-f-]{36}/, 'ID')).toBe(write.errors?.[0]?.message.replace(/[0-9a-f-]{36}/, 'ID'));
    const bAssets = await stack.request(`query ($c: ID!) { assets(contractId: $c) { edges { node { id } } } }`, { c: b.contract }, b.token);
    expect(bAssets.data?.assets.edges).toEqual([{ node: { id: b.asset } }]);
  });

  it('personnel: a partner sees the custodian of its own assets by name only, and no employee list', async () => {
    const res = await stack.request(
      `query ($id: ID!) { asset(id: $id) { custodian { name employee { id email } } } }`,
      { id: a.asset },
      a.token,
    );
    expect(res.data?.asset.custodian).toEqual({ name: '佐藤 一郎', employee: null });
    expect(errorCodes(await stack.request(`{ employees { edges { node { id } } } }`, {}, a.token))).toEqual(['FORBIDDEN']);
  });

  it('incidents: a partner sees only incidents touching its client, and only its own contracts in them', async () => {
    const res = await stack.request(`{ incidents { edges { node { id contracts { id } } } } }`, {}, a.token);
    expect(res.data?.incidents.edges).toEqual([{ node: { id: sharedIncident, contracts: [{ id: a.contract }] } }]);
    expect((await stack.request(`query ($id: ID!) { incident(id: $id) { id } }`, { id: onlyB }, a.token)).data?.incident).toBeNull();
  });

  it('nested fields: a partner reaching its contract sees only its own assets and incidents below it', async () => {
    const res = await stack.request(
      `query ($id: ID!) { contract(id: $id) { assets { edges { node { id } } } incidents { edges { node { id } } } } }`,
      { id: a.contract },
      a.token,
    );
    expect(res.data?.contract).toEqual({
      assets: { edges: [{ node: { id: a.asset } }] },
      incidents: { edges: [{ node: { id: sharedIncident } }] },
    });
  });

  it('a scope the token lacks is refused with FORBIDDEN', async () => {
    const { token } = await createPartnerToken(stack, a.client, [SCOPE.contractsRead]);
    const res = await stack.request(`query ($c: ID!) { assets(contractId: $c) { edges { node { id } } } }`, { c: a.contract }, token);
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await stack.request(`{ incidents { edges { node { id } } } }`, {}, token))).toEqual(['FORBIDDEN']);
  });
});
