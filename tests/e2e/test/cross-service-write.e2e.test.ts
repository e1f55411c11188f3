/**
 * A write that spans services leaves no orphan: custody asks personnel whether an employee may be
 * an asset's custodian, commits the asset with a custodian.assigned event, and personnel records
 * the custodianship from that event. Should custody's commit fail after personnel agreed, neither
 * service holds anything of the asset.
 */
import { startStack, type Stack } from '../src/stack';
import { createClient, createContract, custodianRecorded, registerAsset, registerEmployee, waitUntil } from '../src/flows';

const ASSET = `query ($id: ID!) { asset(id: $id) { id name custodian { name employee { id } } } }`;
const REGISTER = `mutation ($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }`;

describe('writes that span custody and personnel', () => {
  let stack: Stack;
  let contractId: string;
  let employeeId: string;
  const custodianships = async (): Promise<number> =>
    Number((await stack.resources.sql<{ n: string }>('personnel', 'SELECT COUNT(*) AS n FROM custodianship'))[0]?.n);

  beforeAll(async () => {
    stack = await startStack();
    const client = await createClient(stack, 'Cross-service KK');
    contractId = await createContract(stack, client.id);
    employeeId = await registerEmployee(stack, '保管 花子', 'custodian@operator.example');
  });
  afterAll(async () => {
    await stack.close();
  });

  it("records the custodian in personnel from custody's committed event", async () => {
    const assetId = await registerAsset(stack, contractId, '給与台帳 2026', employeeId);
    const shown = await waitUntil(
      async () => (await stack.request(ASSET, { id: assetId })).data?.asset?.custodian,
      20_000,
      'the custodian to be recorded',
    );
    expect(shown).toEqual({ name: '保管 花子', employee: { id: employeeId } });
  });

  it("leaves no custodianship in personnel when custody's commit fails after personnel agreed", async () => {
    // A real failure inside custody's transaction, after personnel's answer: its database refuses the row.
    await stack.resources.sql(
      'custody',
      `CREATE TRIGGER refuse_asset BEFORE INSERT ON data_asset FOR EACH ROW
       BEGIN IF NEW.name = 'refused by the database' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused'; END IF; END`,
    );
    const before = await custodianships();
    const res = await stack.request(REGISTER, {
      input: {
        contractId,
        name: 'refused by the database',
        form: 'ELECTRONIC',
        location: 'Tokyo DC rack 12',
        recordCount: 10,
        receivedAt: '2026-04-02T01:00:00.000Z',
        custodianId: employeeId,
      },
    });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    // A later write goes through, and its custodianship arrives: the relay and personnel's consumer
    // have run past the moment the failed one would have been recorded.
    const later = await registerAsset(stack, contractId, '後の資産', employeeId);
    await custodianRecorded(stack, later);
    expect(await custodianships()).toBe(before + 1);
    expect(await stack.resources.sql('custody', "SELECT id FROM data_asset WHERE name = 'refused by the database'")).toEqual([]);
    expect(
      await stack.resources.sql('custody', "SELECT id FROM outbox_event WHERE type = 'custodian.assigned' AND publishedAt IS NULL"),
    ).toEqual([]);
  });
});
