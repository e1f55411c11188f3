/**
 * Entity references are resolved in batches: one federated query over many assets, with their
 * contract and custodian, issues the same number of SQL statements for 100 assets as for 10.
 */
import { startStack, SUBGRAPHS, type Stack } from '../src/stack';
import { createClient, createContract, registerAsset, waitUntil, registerEmployee } from '../src/flows';

const QUERY = `query ($c: ID!, $n: Int!) {
  assets(contractId: $c, first: $n) { edges { node { name contract { title client { name } } custodian { name } } } }
}`;

// The outbox relay polls in the background: its statements are not the query's.
const countStatements = (stack: Stack) =>
  Object.fromEntries(SUBGRAPHS.map((s) => [s, stack.queries[s].queries.filter((q) => !/outbox_event/.test(q)).length]));

describe('batched entity resolution', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  const measure = async (contractId: string, n: number) => {
    for (const s of SUBGRAPHS) stack.queries[s].reset();
    const res = await stack.request(QUERY, { c: contractId, n });
    expect(res.errors).toBeUndefined();
    expect(res.data?.assets.edges).toHaveLength(n);
    expect(res.data?.assets.edges.every((e: { node: { custodian: { name: string } | null } }) => e.node.custodian?.name)).toBe(true);
    return countStatements(stack);
  };

  it('issues a fixed number of statements per service, whatever the number of assets', async () => {
    const client = await createClient(stack, 'Batching KK');
    const custodians = [
      await registerEmployee(stack, '鈴木 一', 'one@operator.example'),
      await registerEmployee(stack, '鈴木 二', 'two@operator.example'),
    ];
    const small = await createContract(stack, client.id, 'small');
    const large = await createContract(stack, client.id, 'large');
    for (let i = 0; i < 10; i += 1) await registerAsset(stack, small, `small ${i}`, custodians[i % 2]);
    for (let i = 0; i < 100; i += 1) await registerAsset(stack, large, `large ${i}`, custodians[i % 2]);
    // Personnel records each custodianship from custody's event: let it finish, so that its
    // consumer's statements are not counted as the query's.
    for (const [contract, n] of [
      [small, 10],
      [large, 100],
    ] as const) {
      await waitUntil(
        async () => {
          const res = await stack.request(QUERY, { c: contract, n });
          return res.data?.assets.edges.every((e: { node: { custodian: unknown } }) => e.node.custodian !== null);
        },
        30_000,
        'every custodianship to be recorded',
      );
    }

    const forTen = await measure(small, 10);
    const forHundred = await measure(large, 100);
    expect(forHundred).toEqual(forTen);
    // custody: the page; contracts: contracts + clients; personnel: custodianships + employees.
    for (const s of SUBGRAPHS) expect(forHundred[s]).toBeLessThanOrEqual(3);
  });
});
