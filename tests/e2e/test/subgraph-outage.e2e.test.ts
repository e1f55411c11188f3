/**
 * One subgraph down hides only what it owns: with each subgraph stopped in turn, the others still
 * answer their fields, and each missing field comes back null with SERVICE_UNAVAILABLE at its
 * path, naming the service but never its URL. The subgraph is then started again on its port.
 */
import type { SubgraphName } from '@azukari/common';
import type { GraphQLResponse } from '@azukari/testing';
import { startStack, type Stack } from '../src/stack';
import { createClient, createContract, custodianRecorded, registerAsset, registerEmployee, reportIncident } from '../src/flows';

const CONTRACT = `query ($id: ID!) {
  contract(id: $id) {
    title
    assets { edges { node { name custodian { name } } } }
    incidents { edges { node { id } } }
  }
}`;
const ASSET = `query ($id: ID!) { asset(id: $id) { name custodian { name } contract { title } } }`;
const INCIDENT = `query ($id: ID!) { incident(id: $id) { kind contracts { id } } }`;

type Path = readonly (string | number)[];

/** What each query answers with all four subgraphs up. */
const wholeAnswers = (ids: { contract: string; incident: string }) => ({
  contract: {
    title: '障害時の委託契約',
    assets: { edges: [{ node: { name: '顧客名簿', custodian: { name: '佐藤 一郎' } } }] },
    incidents: { edges: [{ node: { id: ids.incident } }] },
  },
  asset: { name: '顧客名簿', custodian: { name: '佐藤 一郎' }, contract: { title: '障害時の委託契約' } },
  incident: { kind: 'LEAKAGE', contracts: [{ id: ids.contract }] },
});

/** What a caller is told went missing: the code, the path and the message of every error. */
const missing = (...responses: GraphQLResponse<unknown>[]) =>
  responses
    .flatMap((res) => res.errors ?? [])
    .map((error) => ({ code: error.extensions?.code, path: error.path, message: error.message }))
    .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));

const unavailable = (service: SubgraphName, ...paths: Path[]) =>
  paths
    .map((path) => ({ code: 'SERVICE_UNAVAILABLE', path, message: `The ${service} service did not answer. Try again shortly.` }))
    .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));

describe('with one subgraph down', () => {
  let stack: Stack;
  let ids: { contract: string; asset: string; incident: string };
  let whole: ReturnType<typeof wholeAnswers>;

  const ask = async () =>
    await Promise.all([
      stack.request(CONTRACT, { id: ids.contract }),
      stack.request(ASSET, { id: ids.asset }),
      stack.request(INCIDENT, { id: ids.incident }),
    ]);

  const whileDown = async (service: SubgraphName, look: () => Promise<void>): Promise<void> => {
    // The gateway checks the caller's token with contracts, and its cache answers while contracts
    // is away: ask once first, as a caller who was just working would have.
    expect((await stack.request(`{ viewer { kind } }`)).data?.viewer).toEqual({ kind: 'STAFF' });
    await stack.stop(service);
    try {
      await look();
    } finally {
      await stack.start(service);
    }
  };

  beforeAll(async () => {
    stack = await startStack();
    const client = await createClient(stack, '株式会社障害試験');
    const contract = await createContract(stack, client.id, '障害時の委託契約');
    const custodian = await registerEmployee(stack, '佐藤 一郎', 'ichiro.sato@operator.example');
    const asset = await registerAsset(stack, contract, '顧客名簿', custodian);
    await custodianRecorded(stack, asset);
    const incident = await reportIncident(stack, [contract]);
    ids = { contract, asset, incident };
    whole = wholeAnswers(ids);
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answers everything while all four are up', async () => {
    const [contract, asset, incident] = await ask();
    expect(missing(contract, asset, incident)).toEqual([]);
    expect([contract.data, asset.data, incident.data]).toEqual([
      { contract: whole.contract },
      { asset: whole.asset },
      { incident: whole.incident },
    ]);
  });

  it('without incidents: the contract with its assets and their custodians, its incidents missing', async () => {
    await whileDown('incidents', async () => {
      const [contract, asset, incident] = await ask();
      expect(contract.data).toEqual({ contract: { ...whole.contract, incidents: null } });
      expect(asset.data).toEqual({ asset: whole.asset });
      expect(incident.data).toEqual({ incident: null });
      expect(missing(contract, asset, incident)).toEqual(unavailable('incidents', ['contract', 'incidents'], ['incident']));
    });
  });

  it('without custody: the contract with its incidents, its assets and the asset missing', async () => {
    await whileDown('custody', async () => {
      const [contract, asset, incident] = await ask();
      expect(contract.data).toEqual({ contract: { ...whole.contract, assets: null } });
      expect(asset.data).toEqual({ asset: null });
      expect(incident.data).toEqual({ incident: whole.incident });
      expect(missing(contract, asset, incident)).toEqual(unavailable('custody', ['contract', 'assets'], ['asset']));
    });
  });

  it('without personnel: everything but the custodians', async () => {
    await whileDown('personnel', async () => {
      const [contract, asset, incident] = await ask();
      expect(contract.data).toEqual({
        contract: { ...whole.contract, assets: { edges: [{ node: { name: '顧客名簿', custodian: null } }] } },
      });
      expect(asset.data).toEqual({ asset: { ...whole.asset, custodian: null } });
      expect(incident.data).toEqual({ incident: whole.incident });
      expect(missing(contract, asset, incident)).toEqual(
        unavailable('personnel', ['contract', 'assets', 'edges', 0, 'node', 'custodian'], ['asset', 'custodian']),
      );
    });
  });

  it("without contracts: the asset and the incident, the contract and the asset's contract missing", async () => {
    await whileDown('contracts', async () => {
      const [contract, asset, incident] = await ask();
      expect(contract.data).toEqual({ contract: null });
      expect(asset.data).toEqual({ asset: { ...whole.asset, contract: null } });
      expect(incident.data).toEqual({ incident: whole.incident });
      expect(missing(contract, asset, incident)).toEqual(unavailable('contracts', ['contract'], ['asset', 'contract', 'title']));
    });
  });

  it('answers everything again once the stopped subgraph is back', async () => {
    const [contract, asset, incident] = await ask();
    expect(missing(contract, asset, incident)).toEqual([]);
    expect([contract.data, asset.data, incident.data]).toEqual([
      { contract: whole.contract },
      { asset: whole.asset },
      { incident: whole.incident },
    ]);
  });
});
