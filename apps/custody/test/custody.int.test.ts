import { CredentialIssuer, newId, Scope, StaffRole, type Principal } from '@azukari/common';
import { errorCodes, gatewayCredential, graphql, partnerPrincipal, staffPrincipal, testKeys, type Issuer } from '@azukari/testing';
import { bootCustody, type BootedCustody } from './boot';

const REGISTER = `mutation ($input: RegisterAssetInput!) {
  registerAsset(input: $input) { id contractId clientId contract { id } name form location recordCount status receivedAt createdAt updatedAt }
}`;
const ASSETS = `query ($contractId: ID!, $first: Int, $after: String) {
  assets(contractId: $contractId, first: $first, after: $after) { edges { cursor node { id name clientId } } pageInfo { hasNextPage endCursor } }
}`;
const ASSETS_IN_STATUS = `query ($contractId: ID!, $status: DataAssetStatus, $first: Int, $after: String) {
  assets(contractId: $contractId, status: $status, first: $first, after: $after) { edges { node { id status } } pageInfo { hasNextPage endCursor } }
}`;
const ASSET = `query ($id: ID!) { asset(id: $id) { id name } }`;
const CONTRACT_ASSETS = `query ($r: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $r) { ... on Contract { id assets(first: $first, after: $after) { edges { node { id contractId name } } pageInfo { hasNextPage endCursor } } } }
}`;
const ASSET_ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on DataAsset { id name contractId } } }`;

interface AssetNode {
  id: string;
  name: string;
  contractId: string;
}
type Edges = { edges: { node: AssetNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

describe('custody subgraph', () => {
  let sut: BootedCustody;
  const admin = staffPrincipal(StaffRole.ADMIN);
  const handler = staffPrincipal(StaffRole.HANDLER);
  const auditor = staffPrincipal(StaffRole.AUDITOR);
  const ownClient = newId();
  const otherClient = newId();
  const ownContract = newId();
  const otherContract = newId();
  const endedContract = newId();
  const terminatedContract = newId();
  const draftContract = newId();
  const ownWriter = partnerPrincipal(ownClient, [Scope.CUSTODY_READ, Scope.CUSTODY_WRITE]);
  const ownReader = partnerPrincipal(ownClient, [Scope.CUSTODY_READ]);

  const input = (overrides: Record<string, unknown> = {}) => ({
    contractId: ownContract,
    name: '給与計算データベース',
    form: 'ELECTRONIC',
    location: '東京DC ラック12 / payroll DB',
    recordCount: 1200,
    receivedAt: '2026-04-01T01:00:00.000Z',
    ...overrides,
  });
  const register = async (as: Principal, overrides: Record<string, unknown> = {}) =>
    await sut.call(REGISTER, { input: input(overrides) }, as);
  const registered = async (as: Principal, overrides: Record<string, unknown> = {}): Promise<AssetNode> => {
    const res = await register(as, overrides);
    expect(res.errors).toBeUndefined();
    return res.data?.registerAsset as AssetNode;
  };

  beforeAll(async () => {
    sut = await bootCustody();
    sut.contracts.set(ownContract, { id: ownContract, clientId: ownClient, status: 'ACTIVE' });
    sut.contracts.set(otherContract, { id: otherContract, clientId: otherClient, status: 'ACTIVE' });
    sut.contracts.set(endedContract, { id: endedContract, clientId: ownClient, status: 'ENDED' });
    sut.contracts.set(terminatedContract, { id: terminatedContract, clientId: ownClient, status: 'TERMINATED' });
    sut.contracts.set(draftContract, { id: draftContract, clientId: ownClient, status: 'DRAFT' });
  });
  afterAll(async () => {
    await sut.close();
  });

  describe('called directly', () => {
    it('refuses a request without a credential with UNAUTHENTICATED', async () => {
      const res = await graphql(sut.url, ASSET, { id: newId() });
      expect(res.status).toBe(401);
      expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses a credential signed for another audience', async () => {
      const res = await graphql(sut.url, ASSET, { id: newId() }, await gatewayCredential('contracts', admin));
      expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('registerAsset', () => {
    it('registers an asset HELD, with the client contracts names, for staff with a writing role', async () => {
      const res = await register(handler);
      expect(res.errors).toBeUndefined();
      expect(res.data?.registerAsset).toMatchObject({
        contractId: ownContract,
        clientId: ownClient,
        contract: { id: ownContract },
        name: '給与計算データベース',
        form: 'ELECTRONIC',
        location: '東京DC ラック12 / payroll DB',
        recordCount: 1200,
        status: 'HELD',
        receivedAt: '2026-04-01T01:00:00.000Z',
        createdAt: '2026-04-10T03:00:00.000Z',
      });
      expect(sut.contractsRoute.calls.at(-1)).toMatchObject({
        path: '/contracts/lookup',
        issuer: 'custody',
        caller: handler,
        body: { ids: [ownContract] },
      });
    });

    it("registers a partner's asset against its own contract, keeping names exactly as given", async () => {
      const names = ['顧客台帳（ハシモト）', '顧客台帳（パシモト）', '𠮷野商事 申込書', '𩸽野商事 申込書'];
      for (const name of names) {
        const asset = await registered(ownWriter, { name, form: 'PAPER', recordCount: 0 });
        expect(asset).toMatchObject({ name, clientId: ownClient });
      }
      const listed = (await sut.call(ASSETS, { contractId: ownContract, first: 100 }, ownReader)).data?.assets as Edges;
      expect(listed.edges.map((e) => e.node.name)).toEqual(expect.arrayContaining(names));
    });

    it('refuses a partner with only custody:read, and an auditor, with FORBIDDEN and writes nothing', async () => {
      const before = await sut.assetCount();
      expect(errorCodes(await register(ownReader))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await register(auditor))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await register(partnerPrincipal(ownClient, [Scope.CONTRACTS_READ])))).toEqual(['FORBIDDEN']);
      expect(await sut.assetCount()).toBe(before);
    });

    it("answers a partner's write against another client's contract exactly like a missing contract, writing nothing", async () => {
      const before = await sut.assetCount();
      const foreign = await register(ownWriter, { contractId: otherContract });
      expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
      expect(foreign.errors?.[0]?.message).toBe(`No contract ${otherContract}.`);
      const missing = newId();
      const absent = await register(ownWriter, { contractId: missing });
      expect(errorCodes(absent)).toEqual(['NOT_FOUND']);
      expect(absent.errors?.[0]?.message).toBe(`No contract ${missing}.`);
      expect(await sut.assetCount()).toBe(before);
      const others = (await sut.call(ASSETS, { contractId: otherContract }, admin)).data?.assets as Edges;
      expect(others.edges).toEqual([]);
    });

    it('refuses a contract that has ended with BAD_USER_INPUT', async () => {
      const before = await sut.assetCount();
      const res = await register(admin, { contractId: endedContract });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors?.[0]?.message).toContain('has ended');
      expect(await sut.assetCount()).toBe(before);
    });

    it('registers an asset only on an ACTIVE contract: a draft or a terminated one is BAD_USER_INPUT, and nothing is written', async () => {
      const before = await sut.assetCount();
      const terminated = await register(admin, { contractId: terminatedContract });
      expect(errorCodes(terminated)).toEqual(['BAD_USER_INPUT']);
      expect(terminated.errors?.[0]?.message).toContain('was terminated');
      const draft = await register(ownWriter, { contractId: draftContract });
      expect(errorCodes(draft)).toEqual(['BAD_USER_INPUT']);
      expect(draft.errors?.[0]?.message).toContain('is a draft');
      expect(await sut.assetCount()).toBe(before);
    });

    it('refuses bad input with BAD_USER_INPUT and writes nothing', async () => {
      const before = await sut.assetCount();
      const bad = [
        { name: '' },
        { name: '   ' },
        { name: 'x'.repeat(201) },
        // 200 characters to class-validator, 250 to the column: variation selectors count there.
        { name: '\u2764\uFE0F'.repeat(50) + 'x'.repeat(150) },
        { location: '' },
        { location: 'x'.repeat(301) },
        { recordCount: -1 },
        { contractId: 'not-a-uuid' },
        { custodianId: 'not-a-uuid' },
        // One millisecond after the test clock's now.
        { receivedAt: '2026-04-10T03:00:00.001Z' },
      ];
      for (const overrides of bad) {
        const res = await register(admin, overrides);
        expect({ overrides, codes: errorCodes(res) }).toEqual({ overrides, codes: ['BAD_USER_INPUT'] });
      }
      expect(await sut.assetCount()).toBe(before);
    });

    it('accepts an asset received exactly now', async () => {
      const asset = await registered(admin, { receivedAt: '2026-04-10T03:00:00.000Z' });
      expect(asset).toMatchObject({ receivedAt: '2026-04-10T03:00:00.000Z' });
    });

    it('refuses a partner that names a custodian with FORBIDDEN, asking no one and writing nothing', async () => {
      const before = await sut.assetCount();
      const asked = sut.personnelRoute.calls.length;
      const employee = newId();
      sut.employees.set(employee, 'ACTIVE');
      expect(errorCodes(await register(ownWriter, { custodianId: employee }))).toEqual(['FORBIDDEN']);
      expect(sut.personnelRoute.calls.length).toBe(asked);
      expect(await sut.assetCount()).toBe(before);
    });

    /** custody's outbox events about one asset, read past every scope. */
    const eventsAbout = async (assetId: string): Promise<{ type: string; payload: Record<string, unknown> }[]> =>
      ((await sut.app.deps.dataSource.query('SELECT type, payload FROM outbox_event ORDER BY id')) as { type: string; payload: string }[])
        .map((e) => ({ type: e.type, payload: JSON.parse(e.payload) as Record<string, unknown> }))
        .filter((e) => e.payload.assetId === assetId);

    it('asks personnel whether a staff-named custodian may hold the asset, then commits the asset with the event personnel records it from', async () => {
      const employee = newId();
      sut.employees.set(employee, 'ACTIVE');
      const asset = await registered(handler, { custodianId: employee });
      expect(sut.personnelRoute.calls.at(-1)).toEqual({
        path: '/custodians/check',
        issuer: 'custody',
        caller: handler,
        body: { employeeId: employee, assetId: asset.id, clientId: ownClient },
      });
      expect((await sut.call(ASSET, { id: asset.id }, admin)).data?.asset).toEqual({ id: asset.id, name: asset.name });
      expect(await eventsAbout(asset.id)).toEqual([
        {
          type: 'custodian.assigned',
          payload: {
            assetId: asset.id,
            employeeId: employee,
            contractId: ownContract,
            clientId: ownClient,
            at: '2026-04-10T03:00:00.000Z',
          },
        },
      ]);
    });

    it.each([
      ['an unknown employee', undefined, 'NOT_FOUND'],
      ['an employee who has left', 'OFFBOARDED', 'BAD_USER_INPUT'],
      ['a failure inside personnel', 'BROKEN', 'SERVICE_UNAVAILABLE'],
    ] as const)('leaves no asset and no event behind when personnel refuses %s (%s -> %s)', async (_case, state, code) => {
      const employee = newId();
      if (state) sut.employees.set(employee, state);
      const before = await sut.assetCount();
      const res = await register(admin, { custodianId: employee });
      expect(errorCodes(res)).toEqual([code]);
      const call = sut.personnelRoute.calls.at(-1);
      expect(call).toMatchObject({ issuer: 'custody', caller: admin, body: { employeeId: employee } });
      expect(await sut.assetCount()).toBe(before);
      const assetId = (call?.body as { assetId: string }).assetId;
      expect((await sut.call(ASSET, { id: assetId }, admin)).data?.asset).toBeNull();
      expect(await eventsAbout(assetId)).toEqual([]);
    });

    it('leaves neither the asset nor the event that would make personnel record a custodian when the commit fails after personnel agreed', async () => {
      const employee = newId();
      sut.employees.set(employee, 'ACTIVE');
      // A real failure inside custody's own transaction, after personnel answered: the database refuses the row.
      await sut.app.deps.dataSource.query(
        `CREATE TRIGGER refuse_asset BEFORE INSERT ON data_asset FOR EACH ROW
         BEGIN IF NEW.name = 'refused by the database' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused'; END IF; END`,
      );
      try {
        const before = await sut.assetCount();
        const res = await register(admin, { custodianId: employee, name: 'refused by the database' });
        expect(errorCodes(res)).toEqual(['INTERNAL_SERVER_ERROR']);
        const call = sut.personnelRoute.calls.at(-1);
        expect(call).toMatchObject({ path: '/custodians/check', body: { employeeId: employee } });
        const assetId = (call?.body as { assetId: string }).assetId;
        expect(await sut.assetCount()).toBe(before);
        expect(await eventsAbout(assetId)).toEqual([]);
      } finally {
        await sut.app.deps.dataSource.query('DROP TRIGGER refuse_asset');
      }
    });
  });

  describe('reading assets and tenant scope', () => {
    let own: AssetNode;
    let other: AssetNode;

    beforeAll(async () => {
      own = await registered(admin, { name: '自社の資産' });
      other = await registered(admin, { contractId: otherContract, name: '他社の資産' });
    });

    it("shows a partner only its own client's assets through assets and asset", async () => {
      const mine = (await sut.call(ASSETS, { contractId: ownContract, first: 100 }, ownReader)).data?.assets as Edges;
      expect(mine.edges.map((e) => e.node.id)).toContain(own.id);
      expect(mine.edges.every((e) => (e.node as AssetNode & { clientId: string }).clientId === ownClient)).toBe(true);
      const theirs = (await sut.call(ASSETS, { contractId: otherContract }, ownReader)).data?.assets as Edges;
      expect(theirs.edges).toEqual([]);
      expect((await sut.call(ASSET, { id: other.id }, ownReader)).data?.asset).toBeNull();
      expect((await sut.call(ASSET, { id: own.id }, ownReader)).data?.asset).toEqual({ id: own.id, name: '自社の資産' });
      expect((await sut.call(ASSET, { id: other.id }, auditor)).data?.asset).toEqual({ id: other.id, name: '他社の資産' });
    });

    it('refuses reading to a partner without custody:read with FORBIDDEN', async () => {
      const contractsOnly = partnerPrincipal(ownClient, [Scope.CONTRACTS_READ]);
      expect(errorCodes(await sut.call(ASSETS, { contractId: ownContract }, contractsOnly))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await sut.call(ASSET, { id: own.id }, contractsOnly))).toEqual(['FORBIDDEN']);
    });

    it("resolves no other client's asset through _entities, and none for a partner without custody:read", async () => {
      const r = [
        { __typename: 'DataAsset', id: own.id },
        { __typename: 'DataAsset', id: other.id },
      ];
      const res = await sut.call(ASSET_ENTITIES, { r }, ownReader);
      expect(res.data?._entities).toEqual([{ id: own.id, name: '自社の資産', contractId: ownContract }, null]);
      const staff = await sut.call(ASSET_ENTITIES, { r }, auditor);
      expect(staff.data?._entities).toEqual([
        { id: own.id, name: '自社の資産', contractId: ownContract },
        { id: other.id, name: '他社の資産', contractId: otherContract },
      ]);
      const blind = await sut.call(ASSET_ENTITIES, { r }, partnerPrincipal(ownClient, [Scope.CONTRACTS_READ]));
      expect(blind.data?._entities).toEqual([null, null]);
    });

    it("adds Contract.assets, scoped: a partner sees no other client's assets on a contract", async () => {
      const r = [
        { __typename: 'Contract', id: ownContract },
        { __typename: 'Contract', id: otherContract },
      ];
      const res = await sut.call(CONTRACT_ASSETS, { r, first: 100 }, ownReader);
      const [mine, theirs] = res.data?._entities as { id: string; assets: Edges }[];
      expect(mine?.assets.edges.map((e) => e.node.id)).toContain(own.id);
      expect(mine?.assets.edges.every((e) => e.node.contractId === ownContract)).toBe(true);
      expect(theirs).toEqual({ id: otherContract, assets: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } });
      const staff = await sut.call(CONTRACT_ASSETS, { r, first: 100 }, admin);
      const [, staffTheirs] = staff.data?._entities as { id: string; assets: Edges }[];
      expect(staffTheirs?.assets.edges.map((e) => e.node.id)).toEqual([other.id]);
      expect(errorCodes(await sut.call(CONTRACT_ASSETS, { r }, partnerPrincipal(ownClient, [Scope.CONTRACTS_READ])))).toContain(
        'FORBIDDEN',
      );
    });
  });

  describe('pages', () => {
    const pagedA = newId();
    const pagedB = newId();
    let aIds: string[];
    let bIds: string[];

    beforeAll(async () => {
      sut.contracts.set(pagedA, { id: pagedA, clientId: ownClient, status: 'ACTIVE' });
      sut.contracts.set(pagedB, { id: pagedB, clientId: ownClient, status: 'ACTIVE' });
      aIds = [];
      bIds = [];
      for (let i = 1; i <= 3; i++) {
        aIds.push((await registered(admin, { contractId: pagedA, name: `A-${i}` })).id);
        bIds.push((await registered(admin, { contractId: pagedB, name: `B-${i}` })).id);
      }
    });

    it("pages one contract's assets by cursor", async () => {
      const first = (await sut.call(ASSETS, { contractId: pagedA, first: 2 }, ownReader)).data?.assets as Edges;
      expect(first.edges.map((e) => e.node.id)).toEqual(aIds.slice(0, 2));
      expect(first.pageInfo.hasNextPage).toBe(true);
      const rest = (await sut.call(ASSETS, { contractId: pagedA, first: 2, after: first.pageInfo.endCursor }, ownReader)).data
        ?.assets as Edges;
      expect(rest.edges.map((e) => e.node.id)).toEqual(aIds.slice(2));
      expect(rest.pageInfo.hasNextPage).toBe(false);
    });

    it('pages Contract.assets per contract, not across them', async () => {
      const r = [
        { __typename: 'Contract', id: pagedA },
        { __typename: 'Contract', id: pagedB },
      ];
      const res = await sut.call(CONTRACT_ASSETS, { r, first: 2 }, ownReader);
      const [a, b] = res.data?._entities as { assets: Edges }[];
      expect(a?.assets.edges.map((e) => e.node.id)).toEqual(aIds.slice(0, 2));
      expect(b?.assets.edges.map((e) => e.node.id)).toEqual(bIds.slice(0, 2));
      expect([a?.assets.pageInfo.hasNextPage, b?.assets.pageInfo.hasNextPage]).toEqual([true, true]);
      const next = await sut.call(CONTRACT_ASSETS, { r: [r[0]], first: 2, after: a?.assets.pageInfo.endCursor }, ownReader);
      const [aRest] = next.data?._entities as { assets: Edges }[];
      expect(aRest?.assets.edges.map((e) => e.node.id)).toEqual([aIds[2]]);
    });

    it("pages one contract's assets in one status, and refuses a status there is not with BAD_USER_INPUT", async () => {
      // Disposal is not an API of its own yet: two assets are marked as a disposal will mark them.
      const dataSource = sut.app.deps.dataSource;
      await dataSource.query(`UPDATE data_asset SET status = 'DISPOSED' WHERE id IN (?, ?)`, [aIds[0], aIds[2]]);
      try {
        const page = async (status: string, after?: string | null) =>
          (await sut.call(ASSETS_IN_STATUS, { contractId: pagedA, status, first: 1, after }, ownReader)).data?.assets as {
            edges: { node: { id: string; status: string } }[];
            pageInfo: Edges['pageInfo'];
          };
        const first = await page('DISPOSED');
        expect(first.edges.map((e) => [e.node.id, e.node.status])).toEqual([[aIds[0], 'DISPOSED']]);
        expect(first.pageInfo.hasNextPage).toBe(true);
        const second = await page('DISPOSED', first.pageInfo.endCursor);
        expect(second.edges.map((e) => e.node.id)).toEqual([aIds[2]]);
        expect(second.pageInfo.hasNextPage).toBe(false);
        expect((await page('HELD')).edges.map((e) => e.node.id)).toEqual([aIds[1]]);
        expect((await page('RETURNED')).edges).toEqual([]);
        expect(errorCodes(await sut.call(ASSETS_IN_STATUS, { contractId: pagedA, status: 'LOST' }, ownReader))).toEqual(['BAD_USER_INPUT']);
      } finally {
        await dataSource.query(`UPDATE data_asset SET status = 'HELD' WHERE id IN (?, ?)`, [aIds[0], aIds[2]]);
      }
    });

    it('refuses a cursor it did not give out with BAD_USER_INPUT', async () => {
      expect(errorCodes(await sut.call(ASSETS, { contractId: pagedA, after: 'bogus' }, ownReader))).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('batching', () => {
    const contractIds = Array.from({ length: 50 }, () => newId());
    const assetIds: string[] = [];

    beforeAll(async () => {
      for (const [i, id] of contractIds.entries()) {
        sut.contracts.set(id, { id, clientId: ownClient, status: 'ACTIVE' });
        assetIds.push((await registered(admin, { contractId: id, name: `batch-${i}` })).id);
      }
    });

    /** Statements that touch data_asset while `work` runs (the outbox relay polls meanwhile). */
    const assetStatements = async (work: () => Promise<void>): Promise<number> => {
      sut.queries.reset();
      await work();
      return sut.queries.queries.filter((q) => q.includes('data_asset')).length;
    };

    it('resolves Contract.assets for 50 contracts with as many statements as for 5', async () => {
      const ask = (ids: string[]) => async () => {
        const r = ids.map((id) => ({ __typename: 'Contract', id }));
        const res = await sut.call(CONTRACT_ASSETS, { r, first: 10 }, ownReader);
        const entities = res.data?._entities as { id: string; assets: Edges }[];
        expect(entities.map((e) => e.assets.edges.map((edge) => edge.node.id))).toEqual(
          ids.map((id) => [assetIds[contractIds.indexOf(id)]]),
        );
      };
      const five = await assetStatements(ask(contractIds.slice(0, 5)));
      const fifty = await assetStatements(ask(contractIds));
      expect(five).toBe(1);
      expect(fifty).toBe(five);
    });

    it('resolves 50 DataAsset references with as many statements as 5', async () => {
      const ask = (ids: string[]) => async () => {
        const res = await sut.call(ASSET_ENTITIES, { r: ids.map((id) => ({ __typename: 'DataAsset', id })) }, ownReader);
        expect((res.data?._entities as AssetNode[]).map((a) => a.id)).toEqual(ids);
      };
      const five = await assetStatements(ask(assetIds.slice(0, 5)));
      const fifty = await assetStatements(ask(assetIds));
      expect(five).toBe(1);
      expect(fifty).toBe(five);
    });
  });

  describe('internal route /internal/assets/lookup', () => {
    let own: AssetNode;
    let other: AssetNode;

    beforeAll(async () => {
      own = await registered(admin, { name: 'lookup-own' });
      other = await registered(admin, { contractId: otherContract, name: 'lookup-other' });
    });

    const lookup = async (issuer: Issuer | null, caller: Principal | null, body: unknown) => {
      const token = issuer ? await new CredentialIssuer(issuer, (await testKeys()).privateKey(issuer)).sign('custody', { caller }) : null;
      const response = await fetch(`${sut.app.url}/internal/assets/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    it("answers personnel and incidents within the caller's tenant scope", async () => {
      const ids = [own.id, other.id];
      const asPartner = await lookup('personnel', ownReader, { ids });
      expect(asPartner).toEqual({
        status: 200,
        body: { assets: [{ id: own.id, contractId: ownContract, clientId: ownClient, status: 'HELD' }] },
      });
      const asStaff = await lookup('incidents', admin, { ids });
      expect((asStaff.body.assets as { id: string }[]).map((a) => a.id).sort()).toEqual([...ids].sort());
    });

    it('refuses other services, callers without a credential and malformed bodies', async () => {
      expect(await lookup('contracts', admin, { ids: [own.id] })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
      expect(await lookup(null, null, { ids: [own.id] })).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
      expect(await lookup('personnel', admin, { ids: ['nope'] })).toMatchObject({
        status: 400,
        body: { error: { code: 'BAD_USER_INPUT' } },
      });
      expect(await lookup('personnel', admin, { ids: [] })).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } });
    });
  });
});
