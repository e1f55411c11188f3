import { newId, Scope, StaffRole, TestClock, type Principal } from '@azukari/common';
import { QueryCounter } from '@azukari/db';
import { errorCodes, partnerPrincipal, staffPrincipal } from '@azukari/testing';
import { EmployeeEntity } from '../src/employee/employee.entity';
import { EmployeeRepository } from '../src/employee/employee.repository';
import { CustodianshipEntity } from '../src/custodianship/custodianship.entity';
import { bootPersonnel, type BootedPersonnel } from './boot';

const REGISTER = `mutation ($input: RegisterEmployeeInput!) { registerEmployee(input: $input) { id } }`;
const CUSTODIANS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on DataAsset { id custodian { name since employee { id email kind } } } } }`;

interface CustodianOut {
  id: string;
  custodian: { name: string; since: string; employee: { id: string; email: string; kind: string } | null } | null;
}

describe('personnel: custodianships', () => {
  let sut: BootedPersonnel;
  const clock = new TestClock(new Date('2026-04-01T09:00:00.000Z'));
  const queries = new QueryCounter();
  const admin = staffPrincipal(StaffRole.ADMIN);
  const handler = staffPrincipal(StaffRole.HANDLER);
  const ownClient = newId();
  const otherClient = newId();
  const contractId = newId();
  let seq = 0;

  beforeAll(async () => {
    sut = await bootPersonnel({ clock, queryLogger: queries });
  });
  afterAll(async () => {
    await sut.close();
  });

  const registerEmployee = async (name: string): Promise<string> => {
    seq += 1;
    const res = await sut.call(REGISTER, { input: { name, email: `custodian${seq}@example.jp`, kind: 'REGULAR_EMPLOYEE' } }, admin);
    expect(res.errors).toBeUndefined();
    return res.data?.registerEmployee.id;
  };
  const markLeft = async (employeeId: string) => {
    // Offboarding is a later issue; until then the test sets the status directly.
    await sut.app.deps.dataSource.manager.update(EmployeeEntity, { id: employeeId }, { status: 'LEFT' });
  };
  const assign = async (body: Record<string, unknown>, caller: Principal | null = handler) =>
    await sut.internal('custody', '/custodianships/assign', body, caller);
  const rowsOf = async (assetId: string) =>
    await sut.app.deps.dataSource.manager.find(CustodianshipEntity, { where: { assetId }, order: { id: 'ASC' } });
  const custodians = async (assetIds: string[], as: Principal) =>
    await sut.call(CUSTODIANS, { r: assetIds.map((id) => ({ __typename: 'DataAsset', id })) }, as);

  describe('POST /internal/employees/verify', () => {
    it('answers contracts with the active employee', async () => {
      const employeeId = await registerEmployee('佐藤 一郎');
      const res = await sut.internal('contracts', '/employees/verify', { employeeId }, admin);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ employee: { id: employeeId, name: '佐藤 一郎', status: 'ACTIVE' } });
    });

    it('answers NOT_FOUND for an unknown employee', async () => {
      const res = await sut.internal('contracts', '/employees/verify', { employeeId: newId() }, admin);
      expect(res.status).toBe(404);
      expect(res.body.error?.code).toBe('NOT_FOUND');
    });

    it('answers BAD_USER_INPUT for an employee who left', async () => {
      const employeeId = await registerEmployee('退職 済子');
      await markLeft(employeeId);
      const res = await sut.internal('contracts', '/employees/verify', { employeeId }, admin);
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe('BAD_USER_INPUT');
    });

    it('answers BAD_USER_INPUT for a malformed id', async () => {
      const res = await sut.internal('contracts', '/employees/verify', { employeeId: 'emp-1' }, admin);
      expect(res.body.error?.code).toBe('BAD_USER_INPUT');
    });

    it('refuses another issuer with FORBIDDEN', async () => {
      const employeeId = await registerEmployee('佐藤 二郎');
      const res = await sut.internal('custody', '/employees/verify', { employeeId }, admin);
      expect(res.status).toBe(403);
      expect(res.body.error?.code).toBe('FORBIDDEN');
    });

    it('refuses a carried partner with FORBIDDEN', async () => {
      const employeeId = await registerEmployee('佐藤 三郎');
      const res = await sut.internal('contracts', '/employees/verify', { employeeId }, partnerPrincipal(ownClient, [Scope.CONTRACTS_READ]));
      expect(res.body.error?.code).toBe('FORBIDDEN');
    });

    it('refuses a call without a credential with 401', async () => {
      const res = await sut.internal(null, '/employees/verify', { employeeId: newId() });
      expect(res.status).toBe(401);
      expect(res.body.error?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('POST /internal/custodianships/assign', () => {
    it('records the custodianship for custody, carrying staff with a writing role', async () => {
      const employeeId = await registerEmployee('保管 太郎');
      const assetId = newId();
      for (const role of [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER, StaffRole.HANDLER]) {
        const res = await assign({ assetId: newId(), employeeId, contractId, clientId: ownClient }, staffPrincipal(role));
        expect(res.status).toBe(200);
      }
      const res = await assign({ assetId, employeeId, contractId, clientId: ownClient });
      expect(res.status).toBe(200);
      const rows = await rowsOf(assetId);
      expect(rows).toEqual([
        {
          id: res.body.custodianshipId,
          assetId,
          employeeId,
          contractId,
          clientId: ownClient,
          since: clock.now(),
          until: null,
          currentAssetId: assetId,
        },
      ]);
    });

    it('ends the current custodianship when another employee is assigned, in the same transaction', async () => {
      const first = await registerEmployee('最初 の人');
      const second = await registerEmployee('次 の人');
      const assetId = newId();
      const startedAt = clock.now();
      const one = await assign({ assetId, employeeId: first, contractId, clientId: ownClient });
      clock.advance(3_600_000);
      const changedAt = clock.now();
      const two = await assign({ assetId, employeeId: second, contractId, clientId: ownClient });
      expect(two.body.custodianshipId).not.toBe(one.body.custodianshipId);
      const rows = await rowsOf(assetId);
      expect(rows.map((r) => [r.employeeId, r.since, r.until, r.currentAssetId])).toEqual([
        [first, startedAt, changedAt, null],
        [second, changedAt, null, assetId],
      ]);
      const shown = (await custodians([assetId], admin)).data?._entities[0] as CustodianOut;
      expect(shown.custodian).toMatchObject({ name: '次 の人', since: changedAt.toISOString(), employee: { id: second } });
    });

    it('changes nothing when the current custodian is assigned again (a retry)', async () => {
      const employeeId = await registerEmployee('再試行 の人');
      const assetId = newId();
      const one = await assign({ assetId, employeeId, contractId, clientId: ownClient });
      clock.advance(60_000);
      const again = await assign({ assetId, employeeId, contractId, clientId: ownClient });
      expect(again.body.custodianshipId).toBe(one.body.custodianshipId);
      expect(await rowsOf(assetId)).toHaveLength(1);
    });

    it('keeps one current custodian when assignments of one asset race', async () => {
      const employees: string[] = [];
      for (let i = 0; i < 6; i += 1) employees.push(await registerEmployee(`競合 ${i}`));
      const assetId = newId();
      const results = await Promise.all(employees.map((employeeId) => assign({ assetId, employeeId, contractId, clientId: ownClient })));
      for (const res of results) expect([200, 409]).toContain(res.status);
      const succeeded = results.filter((r) => r.status === 200);
      expect(succeeded.length).toBeGreaterThanOrEqual(1);
      const rows = await rowsOf(assetId);
      expect(rows).toHaveLength(succeeded.length);
      expect(rows.filter((r) => r.currentAssetId === assetId && r.until === null)).toHaveLength(1);
      expect(rows.filter((r) => r.until !== null && r.currentAssetId === null)).toHaveLength(rows.length - 1);
    });

    it('answers NOT_FOUND for an unknown employee and BAD_USER_INPUT for one who left, writing nothing', async () => {
      const assetId = newId();
      const unknown = await assign({ assetId, employeeId: newId(), contractId, clientId: ownClient });
      expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'NOT_FOUND']);
      const leaver = await registerEmployee('去った 人');
      await markLeft(leaver);
      const left = await assign({ assetId, employeeId: leaver, contractId, clientId: ownClient });
      expect([left.status, left.body.error?.code]).toEqual([400, 'BAD_USER_INPUT']);
      expect(await rowsOf(assetId)).toEqual([]);
    });

    it('refuses a request that names another client for an asset it knows', async () => {
      const employeeId = await registerEmployee('別 顧客');
      const assetId = newId();
      await assign({ assetId, employeeId, contractId, clientId: ownClient });
      const res = await assign({ assetId, employeeId, contractId, clientId: otherClient });
      expect(res.body.error?.code).toBe('BAD_USER_INPUT');
      expect(await rowsOf(assetId)).toHaveLength(1);
    });

    it('refuses a body that is not four uuids with BAD_USER_INPUT and writes nothing', async () => {
      const employeeId = await registerEmployee('不正 入力');
      const assetId = newId();
      for (const body of [{ assetId, employeeId, contractId }, { assetId, employeeId, contractId, clientId: 'acme' }, []]) {
        const res = await assign(body as Record<string, unknown>);
        expect([res.status, res.body.error?.code]).toEqual([400, 'BAD_USER_INPUT']);
      }
      expect(await rowsOf(assetId)).toEqual([]);
    });

    it('refuses a carried auditor, partner or no caller with FORBIDDEN and writes nothing', async () => {
      const employeeId = await registerEmployee('権限 なし');
      const assetId = newId();
      for (const caller of [staffPrincipal(StaffRole.AUDITOR), partnerPrincipal(ownClient, [Scope.CUSTODY_WRITE]), null]) {
        const res = await assign({ assetId, employeeId, contractId, clientId: ownClient }, caller);
        expect([res.status, res.body.error?.code]).toEqual([403, 'FORBIDDEN']);
      }
      expect(await rowsOf(assetId)).toEqual([]);
    });

    it('refuses another issuer with FORBIDDEN and a call without a credential with 401', async () => {
      const employeeId = await registerEmployee('発行者 違い');
      const assetId = newId();
      const wrong = await sut.internal(
        'contracts',
        '/custodianships/assign',
        { assetId, employeeId, contractId, clientId: ownClient },
        handler,
      );
      expect([wrong.status, wrong.body.error?.code]).toEqual([403, 'FORBIDDEN']);
      const none = await sut.internal(null, '/custodianships/assign', { assetId, employeeId, contractId, clientId: ownClient });
      expect([none.status, none.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect(await rowsOf(assetId)).toEqual([]);
    });
  });

  describe('DataAsset.custodian', () => {
    let custodianId: string;
    let otherCustodianId: string;
    let ownAsset: string;
    let otherAsset: string;
    const unheldAsset = newId();
    const partner = partnerPrincipal(ownClient, [Scope.CUSTODY_READ]);

    beforeAll(async () => {
      custodianId = await registerEmployee('山田 花子');
      otherCustodianId = await registerEmployee('鈴木 次郎');
      ownAsset = newId();
      otherAsset = newId();
      expect((await assign({ assetId: ownAsset, employeeId: custodianId, contractId, clientId: ownClient })).status).toBe(200);
      expect((await assign({ assetId: otherAsset, employeeId: otherCustodianId, contractId: newId(), clientId: otherClient })).status).toBe(
        200,
      );
    });

    it('shows staff the custodian with the full employee', async () => {
      const res = await custodians([ownAsset, otherAsset, unheldAsset], staffPrincipal(StaffRole.AUDITOR));
      expect(res.errors).toBeUndefined();
      const [own, other, unheld] = res.data?._entities as CustodianOut[];
      expect(own?.custodian).toEqual({
        name: '山田 花子',
        since: expect.any(String),
        employee: { id: custodianId, email: expect.stringMatching(/@example\.jp$/), kind: 'REGULAR_EMPLOYEE' },
      });
      expect(other?.custodian?.name).toBe('鈴木 次郎');
      expect(unheld?.custodian).toBeNull();
    });

    it("shows a partner the custodian of its own asset by name only, and nothing of another client's", async () => {
      const res = await custodians([ownAsset, otherAsset], partner);
      expect(res.errors).toBeUndefined();
      const [own, other] = res.data?._entities as CustodianOut[];
      expect(own?.custodian).toEqual({ name: '山田 花子', since: expect.any(String), employee: null });
      expect(other).toEqual({ id: otherAsset, custodian: null });
    });

    it('gives a partner its custodian as no Employee through _entities either', async () => {
      const res = await sut.call(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { id name } } }`,
        { r: [{ __typename: 'Employee', id: custodianId }] },
        partner,
      );
      expect(res.data?._entities).toEqual([null]);
    });

    it("lets a partner-scoped employee repository see only the current custodians of its own client's assets", async () => {
      const bystander = await registerEmployee('無関係 の人');
      const scoped = new EmployeeRepository(sut.app.deps.dataSource.manager, { kind: 'client', clientId: ownClient });
      const seen = await scoped.findByIds([custodianId, otherCustodianId, bystander]);
      expect(seen.map((e) => e.id)).toEqual([custodianId]);
      const listed = await scoped.page(null, 1000);
      expect(listed.map((e) => e.id)).toContain(custodianId);
      expect(listed.map((e) => e.id)).not.toContain(otherCustodianId);
      expect(listed.map((e) => e.id)).not.toContain(bystander);
    });

    it('refuses a partner without custody:read with FORBIDDEN', async () => {
      const res = await custodians([ownAsset], partnerPrincipal(ownClient, [Scope.CONTRACTS_READ]));
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      expect(res.data?._entities).toEqual([{ id: ownAsset, custodian: null }]);
    });

    it('resolves the custodians of 50 assets in as many statements as of 5: one for custodianships, one for employees', async () => {
      const employees: string[] = [];
      for (let i = 0; i < 10; i += 1) employees.push(await registerEmployee(`一括 ${i}`));
      const assets: string[] = [];
      for (let i = 0; i < 50; i += 1) {
        const assetId = newId();
        assets.push(assetId);
        expect((await assign({ assetId, employeeId: employees[i % 10], contractId, clientId: ownClient })).status).toBe(200);
      }
      const measure = async (assetIds: string[], as: Principal) => {
        queries.reset();
        const res = await custodians(assetIds, as);
        expect(res.errors).toBeUndefined();
        expect((res.data?._entities as CustodianOut[]).every((a) => a.custodian !== null)).toBe(true);
        return queries.count;
      };
      for (const as of [admin, partner]) {
        const five = await measure(assets.slice(0, 5), as);
        const fifty = await measure(assets, as);
        expect(five).toBe(2);
        expect(fifty).toBe(five);
      }
    });
  });
});
