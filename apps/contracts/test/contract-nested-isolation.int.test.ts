/**
 * Issue 9's nested fields of Contract (purpose versions, written consents, safety measures,
 * re-entrustments, inspections), as a partner reaches them: through `contract`, through `_entities`
 * (the gateway's way in, which a forged representation could abuse), and not at all without the
 * scope. Another client's contract is null wherever it is asked for, with nothing of it leaking.
 */
import { Scope, StaffRole, TestClock, newId } from '@azukari/common';
import { errorCodes, partnerPrincipal, staffPrincipal } from '@azukari/testing';
import { bootContracts, type BootedContracts } from './boot';

const T0 = new Date('2026-04-01T00:00:00.000Z');
const DIGEST = 'cd'.repeat(32);
const NESTED = `purposeVersion purposeVersions { version purposes } writtenConsents { id kind } safetyMeasures { title }
  reEntrustments { id part } inspections { id status }`;

describe('contracts: the nested fields of issue 9, by client and scope', () => {
  let sut: BootedContracts;
  const admin = staffPrincipal(StaffRole.ADMIN);
  const owned: Record<'a' | 'b', { clientId: string; contractId: string }> = {} as never;

  const ok = async (query: string, variables: Record<string, unknown>) => {
    const res = await sut.call(query, variables, admin);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  /** A client with one contract that has one of everything issue 9 nests under it. */
  const furnished = async (name: string) => {
    const clientId = (
      await ok(`mutation ($input: CreateClientInput!) { createClient(input: $input) { client { id } } }`, {
        input: { name, address: '東京都港区', reportEmail: `privacy@${newId().slice(-8)}.example.jp` },
      })
    ).createClient.client.id as string;
    const contractId = (
      await ok(`mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`, {
        input: { clientId, title: `${name}の給与計算`, purposes: ['給与計算'], executedOn: '2026-01-05', startsOn: '2026-01-05' },
      })
    ).createContract.id as string;
    await ok(`mutation ($input: RecordWrittenConsentInput!) { recordWrittenConsent(input: $input) { id } }`, {
      input: {
        contractId,
        kind: 'TAKE_OUT',
        documentSha256: DIGEST,
        grantedByName: '山田太郎',
        grantedByTitle: '総務部長',
        grantedAt: '2026-03-01T00:00:00.000Z',
      },
    });
    await ok(`mutation ($input: CreateSafetyMeasureInput!) { createSafetyMeasure(input: $input) { id } }`, {
      input: {
        contractId,
        category: 'PHYSICAL',
        title: `${name}専用の施錠保管`,
        description: '専用キャビネットで保管する',
        owner: '総務部長',
      },
    });
    const subcontractorId = (
      await ok(`mutation ($input: CreateSubcontractorInput!) { createSubcontractor(input: $input) { id } }`, {
        input: { name: '株式会社封入', address: '埼玉県さいたま市' },
      })
    ).createSubcontractor.id as string;
    await ok(`mutation ($input: ProposeReEntrustmentInput!) { proposeReEntrustment(input: $input) { id } }`, {
      input: { contractId, subcontractorId, part: `${name}の明細の封入` },
    });
    await ok(`mutation ($input: RequestInspectionInput!) { requestInspection(input: $input) { id } }`, {
      input: {
        contractIds: [contractId],
        proposedDates: ['2026-05-20'],
        purpose: '安全管理措置の確認',
        inspectors: [{ role: '監査担当', organization: name }],
        noticeGivenOn: '2026-03-31',
        noticeDocumentSha256: DIGEST,
      },
    });
    return { clientId, contractId };
  };

  beforeAll(async () => {
    sut = await bootContracts({ clock: new TestClock(T0) });
    owned.a = await furnished('甲株式会社');
    owned.b = await furnished('乙株式会社');
  });
  afterAll(async () => await sut.close());

  const entities = async (as: ReturnType<typeof partnerPrincipal>) =>
    await sut.call(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Contract { id ${NESTED} } } }`,
      {
        r: [
          { __typename: 'Contract', id: owned.a.contractId },
          { __typename: 'Contract', id: owned.b.contractId },
        ],
      },
      as,
    );

  it("gives a partner its own contract's nested records and nothing of another client's, through _entities", async () => {
    const res = await entities(partnerPrincipal(owned.a.clientId, [Scope.CONTRACTS_READ]));
    expect(res.errors).toBeUndefined();
    const [own, other] = res.data!._entities as Record<string, unknown[]>[];
    expect(other).toBeNull();
    expect(own).toMatchObject({
      id: owned.a.contractId,
      purposeVersion: 1,
      purposeVersions: [{ version: 1, purposes: ['給与計算'] }],
      writtenConsents: [{ kind: 'TAKE_OUT' }],
      safetyMeasures: [{ title: '甲株式会社専用の施錠保管' }],
      reEntrustments: [{ part: '甲株式会社の明細の封入' }],
      inspections: [{ status: 'REQUESTED' }],
    });
    expect(JSON.stringify(res.data)).not.toContain('乙株式会社');
  });

  it('gives the same through the contract query, and null for another client’s', async () => {
    const partner = partnerPrincipal(owned.b.clientId, [Scope.CONTRACTS_READ]);
    const own = await sut.call(`query ($id: ID!) { contract(id: $id) { ${NESTED} } }`, { id: owned.b.contractId }, partner);
    expect(own.errors).toBeUndefined();
    expect(JSON.stringify(own.data)).toContain('乙株式会社の明細の封入');
    expect(JSON.stringify(own.data)).not.toContain('甲株式会社');
    const other = await sut.call(`query ($id: ID!) { contract(id: $id) { ${NESTED} } }`, { id: owned.a.contractId }, partner);
    expect(other.data?.contract).toBeNull();
  });

  it('gives nothing nested to a token without contracts:read, even of its own contract', async () => {
    const partner = partnerPrincipal(owned.a.clientId, [Scope.CUSTODY_READ, Scope.CONSENTS_WRITE, Scope.REPORTS_ACK]);
    // A reference it may not read resolves to null (as for any other subgraph's field that names it).
    const res = await entities(partner);
    expect(res.data?._entities).toEqual([null, null]);
    expect(JSON.stringify(res.data ?? null)).not.toContain('甲株式会社');
    const asked = await sut.call(`query ($id: ID!) { contract(id: $id) { ${NESTED} } }`, { id: owned.a.contractId }, partner);
    expect(errorCodes(asked)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(asked.data ?? null)).not.toContain('甲株式会社');
  });
});
