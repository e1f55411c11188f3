import { CredentialIssuer, Scope, StaffRole, generateServiceKey, type Principal } from '@azukari/common';
import { QueryCounter } from '@azukari/db';
import { errorCodes, gatewayCredential, graphql, partnerPrincipal, staffPrincipal } from '@azukari/testing';
import { bootPersonnel, type BootedPersonnel } from './boot';

const REGISTER = `mutation ($input: RegisterEmployeeInput!) { registerEmployee(input: $input) { id name email kind status createdAt } }`;
const EMPLOYEES = `query ($first: Int, $after: String) { employees(first: $first, after: $after) { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }`;
const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { id name email kind status } } }`;

interface EmployeePage {
  edges: { cursor: string; node: { id: string; name: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const KINDS = [
  'REGULAR_EMPLOYEE',
  'CONTRACT_EMPLOYEE',
  'ADVISORY_EMPLOYEE',
  'PART_TIME_EMPLOYEE',
  'TEMPORARY_STAFF',
  'DIRECTOR',
  'EXECUTIVE_OFFICER',
  'TRUSTEE',
  'AUDITOR',
  'SUPERVISORY_BOARD_MEMBER',
  'DISPATCHED_STAFF',
  'OTHER',
];

describe('personnel: employees', () => {
  let sut: BootedPersonnel;
  const queries = new QueryCounter();
  const admin = staffPrincipal(StaffRole.ADMIN);
  let seq = 0;

  beforeAll(async () => {
    sut = await bootPersonnel({ queryLogger: queries });
  });
  afterAll(async () => {
    await sut.close();
  });

  const register = async (input: Partial<{ name: string; email: string; kind: string }> = {}, as: Principal = admin) => {
    seq += 1;
    return await sut.call(
      REGISTER,
      { input: { name: `社員 ${seq}`, email: `staff${seq}@example.jp`, kind: 'REGULAR_EMPLOYEE', ...input } },
      as,
    );
  };
  const employeeCount = async (): Promise<number> =>
    Number((await sut.app.deps.dataSource.query('SELECT COUNT(*) AS n FROM employee'))[0].n);

  describe('called directly', () => {
    it('refuses a request without a credential with 401 UNAUTHENTICATED', async () => {
      const res = await graphql(sut.url, EMPLOYEES);
      expect(res.status).toBe(401);
      expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses a credential signed for another audience', async () => {
      const res = await graphql(sut.url, EMPLOYEES, {}, await gatewayCredential('contracts', admin));
      expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses a credential signed by a key it does not trust', async () => {
      const stranger = await generateServiceKey('gateway');
      const token = await new CredentialIssuer('gateway', stranger.privateJwk).sign('personnel', { caller: admin });
      expect(errorCodes(await graphql(sut.url, EMPLOYEES, {}, token))).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('registerEmployee', () => {
    it('registers every kind Art 1(4) lists, and OTHER, as ACTIVE with the email lower-cased', async () => {
      for (const kind of KINDS) {
        const res = await register({ kind, email: `${kind}@Example.JP` });
        expect(res.errors).toBeUndefined();
        expect(res.data?.registerEmployee).toMatchObject({ kind, status: 'ACTIVE', email: `${kind.toLowerCase()}@example.jp` });
      }
    });

    it('keeps names apart that common collations equate: kana variants and supplementary-plane characters', async () => {
      const names = ['ハシモト 花子', 'パシモト 花子', 'はしもと 花子', '𠮷野 太郎', '𩸽野 太郎'];
      const ids: string[] = [];
      for (const name of names) {
        const res = await register({ name });
        expect(res.data?.registerEmployee.name).toBe(name);
        ids.push(res.data?.registerEmployee.id);
      }
      const res = await sut.call(ENTITIES, { r: ids.map((id) => ({ __typename: 'Employee', id })) }, admin);
      expect(res.data?._entities.map((e: { name: string }) => e.name)).toEqual(names);
    });

    it('stores text columns as utf8mb4 with utf8mb4_bin', async () => {
      const columns: { TABLE_NAME: string; COLUMN_NAME: string; COLLATION_NAME: string }[] = await sut.app.deps.dataSource.query(
        `SELECT TABLE_NAME, COLUMN_NAME, COLLATION_NAME FROM information_schema.COLUMNS
         WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('employee', 'custodianship') AND DATA_TYPE IN ('varchar', 'char')`,
      );
      expect(columns).toHaveLength(11);
      expect(columns.filter((c) => c.COLLATION_NAME !== 'utf8mb4_bin')).toEqual([]);
    });

    it('lets a privacy officer register', async () => {
      const res = await register({}, staffPrincipal(StaffRole.PRIVACY_OFFICER));
      expect(res.errors).toBeUndefined();
    });

    it('refuses the same email twice, whatever its case, with CONFLICT and writes nothing', async () => {
      expect((await register({ email: 'Hanako.Sato@Example.jp' })).errors).toBeUndefined();
      const before = await employeeCount();
      const res = await register({ email: 'hanako.sato@example.JP' });
      expect(errorCodes(res)).toEqual(['CONFLICT']);
      expect(await employeeCount()).toBe(before);
    });

    it('refuses handlers, auditors and partners with FORBIDDEN and writes nothing', async () => {
      const before = await employeeCount();
      for (const as of [
        staffPrincipal(StaffRole.HANDLER),
        staffPrincipal(StaffRole.AUDITOR),
        partnerPrincipal(admin.tokenId, [Scope.CUSTODY_WRITE]),
      ]) {
        expect(errorCodes(await register({}, as))).toEqual(['FORBIDDEN']);
      }
      expect(await employeeCount()).toBe(before);
    });

    it.each([
      ['an empty name', { name: '' }],
      ['a blank name', { name: '   ' }],
      ['a name of 201 characters', { name: '長'.repeat(201) }],
      ['a malformed email', { email: 'not-an-email' }],
      ['an unknown kind', { kind: 'INTERN' }],
    ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, input) => {
      const before = await employeeCount();
      const res = await register(input);
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors?.[0]?.message).not.toMatch(/SQL|stack/i);
      expect(await employeeCount()).toBe(before);
    });

    it('accepts a name of exactly 200 characters', async () => {
      const res = await register({ name: '長'.repeat(200) });
      expect(res.data?.registerEmployee.name).toHaveLength(200);
    });
  });

  describe('employees', () => {
    it('pages through every employee, oldest first, for every staff role', async () => {
      const total = await employeeCount();
      for (const role of [StaffRole.ADMIN, StaffRole.AUDITOR, StaffRole.HANDLER]) {
        const seen: string[] = [];
        let after: string | null = null;
        for (;;) {
          const res = await sut.call<{ employees: EmployeePage }>(EMPLOYEES, { first: 7, after }, staffPrincipal(role));
          expect(res.errors).toBeUndefined();
          const page = res.data?.employees as EmployeePage;
          seen.push(...page.edges.map((e) => e.node.id));
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(seen).toHaveLength(total);
        expect([...seen].sort()).toEqual(seen);
      }
    });

    it('refuses partners with FORBIDDEN: lists of employees are for staff', async () => {
      const res = await sut.call(EMPLOYEES, {}, partnerPrincipal(admin.tokenId, [Scope.CUSTODY_READ, Scope.CONTRACTS_READ]));
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      expect(res.errors?.[0]?.message).toMatch(/^Lists of employees are for staff/);
      expect(res.data).toBeNull();
    });

    it('refuses a cursor it did not give out with BAD_USER_INPUT', async () => {
      expect(errorCodes(await sut.call(EMPLOYEES, { after: 'bm90LWEtY3Vyc29y' }, admin))).toEqual(['BAD_USER_INPUT']);
    });

    it('refuses more than 100 per page with BAD_USER_INPUT', async () => {
      expect(errorCodes(await sut.call(EMPLOYEES, { first: 101 }, admin))).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('Employee references (_entities)', () => {
    const registerMany = async (n: number): Promise<string[]> => {
      const ids: string[] = [];
      for (let i = 0; i < n; i += 1) ids.push((await register()).data?.registerEmployee.id);
      return ids;
    };

    it('resolves employees for staff, in one statement whatever their number', async () => {
      const ids = await registerMany(50);
      const measure = async (wanted: string[]) => {
        queries.reset();
        const res = await sut.call(
          ENTITIES,
          { r: wanted.map((id) => ({ __typename: 'Employee', id })) },
          staffPrincipal(StaffRole.AUDITOR),
        );
        expect(res.data?._entities.map((e: { id: string }) => e.id)).toEqual(wanted);
        return queries.count;
      };
      const five = await measure(ids.slice(0, 5));
      const fifty = await measure(ids);
      expect(five).toBe(1);
      expect(fifty).toBe(five);
    });

    it('gives a partner null for any employee', async () => {
      const [id] = await registerMany(1);
      const res = await sut.call(ENTITIES, { r: [{ __typename: 'Employee', id }] }, partnerPrincipal(admin.tokenId, [Scope.CUSTODY_READ]));
      expect(res.errors).toBeUndefined();
      expect(res.data?._entities).toEqual([null]);
    });

    it('gives null for an unknown employee', async () => {
      const res = await sut.call(ENTITIES, { r: [{ __typename: 'Employee', id: '01900000-0000-7000-8000-000000000000' }] }, admin);
      expect(res.data?._entities).toEqual([null]);
    });
  });
});
