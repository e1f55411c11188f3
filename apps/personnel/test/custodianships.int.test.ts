import { newId, Scope, StaffRole, TestClock, type Principal } from '@azukari/common';
import { OPERATOR_SCOPE, QueryCounter } from '@azukari/db';
import { CustodianAssigned, createProducer } from '@azukari/jobs';
import { asJob, asTestStep, errorCodes, partnerPrincipal, staffPrincipal } from '@azukari/testing';
import { EmployeeEntity } from '../src/employee/employee.entity';
import { EmployeeRepository } from '../src/employee/employee.repository';
import { CustodianshipEntity } from '../src/custodianship/custodianship.entity';
import { CustodianshipService } from '../src/custodianship/custodianship.service';
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
    await asTestStep('offboarding', async () =>
      sut.app.deps.dataSource.transaction(
        async (m) => await m.update(EmployeeEntity, { id: employeeId }, { id: employeeId, status: 'LEFT' }),
      ),
    );
  };
  const custodianships = () => new CustodianshipService(sut.app.deps, OPERATOR_SCOPE);
  /** The service as custody's event's consumer calls it: inside the job's access context. */
  const service = () => ({
    record: async (...args: Parameters<CustodianshipService['record']>) =>
      await asJob(CustodianAssigned.name, async () => await custodianships().record(...args)),
  });
  /** The job ids of the events `record` made up, in order: a retry passes the same one again. */
  const jobIds: string[] = [];
  /** Records an assignment as the consumer of custody's CustodianAssigned event does. */
  const record = async (
    assigned: { assetId: string; employeeId: string | undefined; contractId: string; clientId: string; at?: string },
    jobId = `custody-${newId()}`,
  ): Promise<boolean> => {
    jobIds.push(jobId);
    return await service().record(
      { ...assigned, employeeId: assigned.employeeId as string, at: assigned.at ?? clock.now().toISOString() },
      jobId,
    );
  };
  const waitFor = async (probe: () => Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
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

  describe('POST /internal/custodians/check', () => {
    const check = async (
      body: Record<string, unknown>,
      caller: Principal | null = handler,
      issuer: 'custody' | 'contracts' | null = 'custody',
    ) => await sut.internal(issuer, '/custodians/check', body, caller);

    it('answers custody with the active employee for every writing staff role, and records nothing', async () => {
      const employeeId = await registerEmployee('保管 太郎');
      const assetId = newId();
      for (const role of [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER, StaffRole.HANDLER]) {
        const res = await check({ employeeId, assetId, clientId: ownClient }, staffPrincipal(role));
        expect([res.status, res.body]).toEqual([200, { employee: { id: employeeId, name: '保管 太郎', status: 'ACTIVE' } }]);
      }
      expect(await rowsOf(assetId)).toEqual([]);
    });

    it('answers NOT_FOUND for an unknown employee and BAD_USER_INPUT for one who left', async () => {
      const assetId = newId();
      const unknown = await check({ assetId, employeeId: newId(), clientId: ownClient });
      expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'NOT_FOUND']);
      const leaver = await registerEmployee('去った 人');
      await markLeft(leaver);
      const left = await check({ assetId, employeeId: leaver, clientId: ownClient });
      expect([left.status, left.body.error?.code]).toEqual([400, 'BAD_USER_INPUT']);
    });

    it('refuses a request that names another client for an asset it holds a custodian of', async () => {
      const employeeId = await registerEmployee('別 顧客');
      const assetId = newId();
      await record({ assetId, employeeId, contractId, clientId: ownClient });
      const res = await check({ assetId, employeeId, clientId: otherClient });
      expect([res.status, res.body.error?.code]).toEqual([400, 'BAD_USER_INPUT']);
    });

    it('refuses a body that is not three uuids with BAD_USER_INPUT, naming the field', async () => {
      const employeeId = await registerEmployee('不正 入力');
      for (const body of [{ assetId: newId(), employeeId }, { assetId: newId(), employeeId, clientId: 'acme' }, []]) {
        const res = await check(body as Record<string, unknown>);
        expect([res.status, res.body.error?.code]).toEqual([400, 'BAD_USER_INPUT']);
      }
      const named = await check({ assetId: newId(), employeeId, clientId: 'acme' });
      expect(named.body.error?.message).toMatch(/^clientId: /);
    });

    it('refuses a carried auditor, partner or no caller with FORBIDDEN', async () => {
      const employeeId = await registerEmployee('権限 なし');
      for (const caller of [staffPrincipal(StaffRole.AUDITOR), partnerPrincipal(ownClient, [Scope.CUSTODY_WRITE]), null]) {
        const res = await check({ assetId: newId(), employeeId, clientId: ownClient }, caller);
        expect([res.status, res.body.error?.code]).toEqual([403, 'FORBIDDEN']);
      }
    });

    it('refuses another issuer with FORBIDDEN and a call without a credential with 401', async () => {
      const employeeId = await registerEmployee('発行者 違い');
      const body = { assetId: newId(), employeeId, clientId: ownClient };
      const wrong = await check(body, handler, 'contracts');
      expect([wrong.status, wrong.body.error?.code]).toEqual([403, 'FORBIDDEN']);
      const none = await check(body, handler, null);
      expect([none.status, none.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
    });
  });

  describe("custody's custodian.assigned events", () => {
    it('records the custodianship from the event on its queue, once however often the event is delivered', async () => {
      const employeeId = await registerEmployee('保管 次郎');
      const assetId = newId();
      const at = '2026-04-01T09:30:00.000Z';
      const eventId = newId();
      const producer = createProducer('custody', sut.queues);
      try {
        const envelope = { eventId, occurredAt: at, trace: null, payload: { assetId, employeeId, contractId, clientId: ownClient, at } };
        await producer.enqueue(CustodianAssigned, envelope);
        await waitFor(async () => (await rowsOf(assetId)).length === 1);
        // The relay adding the same event again (a crash before it marked it published), and a stalled job run twice.
        await producer.enqueue(CustodianAssigned, envelope);
        expect(await service().record(envelope.payload, `custody-${eventId}`)).toBe(false);
      } finally {
        await producer.close();
      }
      expect(await rowsOf(assetId)).toEqual([
        {
          id: expect.any(String),
          assetId,
          employeeId,
          contractId,
          clientId: ownClient,
          since: new Date(at),
          until: null,
          currentAssetId: assetId,
        },
      ]);
    });

    it("records many new assets' custodianships at once without one transaction deadlocking another", async () => {
      // Assets registered together (16 at a time in pnpm bench) reach personnel together; a lookup
      // of each asset's current custodianship under REPEATABLE READ gap-locked the same end of the
      // index for all of them, and their inserts then deadlocked.
      const employeeId = await registerEmployee('同時 保管');
      const assetIds = Array.from({ length: 24 }, () => newId());
      const outcomes = await Promise.allSettled(
        assetIds.map((assetId) => record({ assetId, employeeId, contractId, clientId: ownClient })),
      );
      expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
      for (const assetId of assetIds) expect((await rowsOf(assetId)).map((r) => r.currentAssetId)).toEqual([assetId]);
    });

    it('ends the current custodianship when a later assignment arrives, and keeps an older one that arrives late as history', async () => {
      const [first, second, late] = [
        await registerEmployee('最初 の人'),
        await registerEmployee('次 の人'),
        await registerEmployee('遅れ の人'),
      ];
      const assetId = newId();
      const [t1, t2, t0] = [
        new Date('2026-04-01T10:00:00.000Z'),
        new Date('2026-04-01T11:00:00.000Z'),
        new Date('2026-04-01T09:45:00.000Z'),
      ];
      await record({ assetId, employeeId: first, contractId, clientId: ownClient, at: t1.toISOString() });
      await record({ assetId, employeeId: second, contractId, clientId: ownClient, at: t2.toISOString() });
      await record({ assetId, employeeId: late, contractId, clientId: ownClient, at: t0.toISOString() });
      const rows = await rowsOf(assetId);
      expect(rows.map((r) => [r.employeeId, r.since, r.until, r.currentAssetId])).toEqual([
        [first, t1, t2, null],
        [second, t2, null, assetId],
        [late, t0, t1, null],
      ]);
      const shown = (await custodians([assetId], admin)).data?._entities[0] as CustodianOut;
      expect(shown.custodian).toMatchObject({ name: '次 の人', since: t2.toISOString(), employee: { id: second } });
    });

    it('keeps one current custodian when assignments of one asset are recorded at the same moment', async () => {
      const employees: string[] = [];
      for (let i = 0; i < 6; i += 1) employees.push(await registerEmployee(`競合 ${i}`));
      const assetId = newId();
      const ids = employees.map(() => `custody-${newId()}`);
      const results = await Promise.allSettled(
        employees.map(
          async (employeeId, i) =>
            await record(
              { assetId, employeeId, contractId, clientId: ownClient, at: new Date(Date.UTC(2026, 3, 1, 12, 0, i)).toISOString() },
              ids[i],
            ),
        ),
      );
      // A loser of the race fails and is retried by the queue; retry those here the same way.
      for (const [i, result] of results.entries()) {
        if (result.status === 'rejected') {
          await record(
            {
              assetId,
              employeeId: employees[i]!,
              contractId,
              clientId: ownClient,
              at: new Date(Date.UTC(2026, 3, 1, 12, 0, i)).toISOString(),
            },
            ids[i],
          );
        }
      }
      const rows = await rowsOf(assetId);
      expect(rows).toHaveLength(6);
      const current = rows.filter((r) => r.currentAssetId === assetId && r.until === null);
      expect(current.map((r) => r.employeeId)).toEqual([employees[5]]);
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
      await record({ assetId: ownAsset, employeeId: custodianId, contractId, clientId: ownClient });
      await record({ assetId: otherAsset, employeeId: otherCustodianId, contractId: newId(), clientId: otherClient });
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
        await record({ assetId, employeeId: employees[i % 10], contractId, clientId: ownClient });
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
