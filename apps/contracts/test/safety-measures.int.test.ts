/**
 * Safety management measures (Art 5) through contracts' GraphQL: the catalogue kept by staff, every
 * change a kept version; measures applied to contracts and contracts' own additions, shown to a
 * partner on its own contracts at the version in force; every change reported to each client it
 * touches, by its own report naming its own contracts (5.2). Refusals write nothing.
 */
import { ErrorCode, Scope, StaffRole, TestClock, type Principal } from '@azukari/common';
import { OutboxEventEntity } from '@azukari/db';
import type { ClientReportRequested, JobPayload } from '@azukari/jobs';
import { asTestStep, errorCodes, factories, partnerPrincipal, staffPrincipal } from '@azukari/testing';
import { ContractEntity } from '../src/contract/contract.entity';
import { ContractSafetyMeasureEntity } from '../src/safety-measure/contract-safety-measure.entity';
import { SafetyMeasureEntity } from '../src/safety-measure/safety-measure.entity';
import { SafetyMeasureVersionEntity } from '../src/safety-measure/safety-measure-version.entity';
import { bootContracts, type BootedContracts } from './boot';

const T0 = new Date('2026-04-01T00:00:00.000Z');
const DAY = 24 * 3600_000;

const FIELDS = 'id catalogue contractId clientId category title description owner version status retiredAt';
const CREATE = `mutation ($input: CreateSafetyMeasureInput!) { createSafetyMeasure(input: $input) { ${FIELDS} } }`;
const CHANGE = `mutation ($id: ID!, $input: ChangeSafetyMeasureInput!) { changeSafetyMeasure(id: $id, input: $input) { ${FIELDS} } }`;
const RETIRE = `mutation ($id: ID!, $s: String!) { retireSafetyMeasure(id: $id, changeSummary: $s) { ${FIELDS} } }`;
const APPLY = `mutation ($input: ApplySafetyMeasureInput!) { applySafetyMeasure(input: $input) { id version } }`;
const UNAPPLY = `mutation ($input: ApplySafetyMeasureInput!) { unapplySafetyMeasure(input: $input) { id version } }`;
const MEASURE = `query ($id: ID!) { safetyMeasure(id: $id) { ${FIELDS}
  versions { version changeKind changeSummary category title description owner status changedAt changedByEmployeeId changedByTokenId } } }`;
const MEASURES = `query ($category: SafetyMeasureCategory, $catalogue: Boolean, $contractId: ID, $status: SafetyMeasureStatus) {
  safetyMeasures(category: $category, catalogue: $catalogue, contractId: $contractId, status: $status, first: 100) { edges { node { id version } } } }`;
const ON_CONTRACT = `query ($id: ID!) { contract(id: $id) { id safetyMeasures { measureId catalogue category title description owner version versionSince appliedAt } } }`;

type Requested = JobPayload<typeof ClientReportRequested>;

describe('contracts: safety management measures (Art 5)', () => {
  let sut: BootedContracts;
  const clock = new TestClock(T0);
  const admin = staffPrincipal(StaffRole.ADMIN);
  const officer = staffPrincipal(StaffRole.PRIVACY_OFFICER);

  beforeAll(async () => {
    sut = await bootContracts({ clock });
  });
  afterAll(async () => await sut.close());

  const as =
    (who: Principal): factories.GraphQLCaller =>
    async (query, variables) =>
      await sut.call(query, variables ?? {}, who);
  const ok = async (query: string, variables: Record<string, unknown>, who: Principal = admin) => {
    const res = await sut.call(query, variables, who);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const newClient = async () => (await factories.createClient(as(admin))).id;
  const newContract = async (clientId: string) => (await factories.createContract(as(admin), clientId)).id;
  const endContract = async (id: string) =>
    await asTestStep('end contract', async () =>
      sut.app.deps.dataSource.transaction(async (m) => await m.update(ContractEntity, { id }, { id, status: 'ENDED' })),
    );
  const catalogueMeasure = async (overrides: Record<string, unknown> = {}) =>
    (
      await ok(CREATE, {
        input: {
          category: 'TECHNICAL',
          title: 'アクセス制御',
          description: '業務端末は多要素認証で利用する。',
          owner: '情報システム部長',
          ...overrides,
        },
      })
    ).createSafetyMeasure as { id: string; version: number };
  /** The 5.2 reports asked for about a measure, in the order they were written. */
  const reportsOf = async (subjectId: string): Promise<Requested[]> =>
    (await sut.app.deps.dataSource.manager.find(OutboxEventEntity, { where: { type: 'client-report.requested' }, order: { id: 'ASC' } }))
      .map((e) => JSON.parse(e.payload) as Requested)
      .filter((p) => p.subject.id === subjectId);
  const versionsOf = async (measureId: string) => await sut.app.deps.dataSource.manager.countBy(SafetyMeasureVersionEntity, { measureId });

  it('keeps every version of a catalogue measure, and reports a change to each client with an active contract it applies to, each its own contracts', async () => {
    clock.set(T0);
    const [a, b, c] = [await newClient(), await newClient(), await newClient()];
    const [a1, a2, b1, c1] = [await newContract(a), await newContract(a), await newContract(b), await newContract(c)];
    const measure = await catalogueMeasure();
    expect(measure).toMatchObject({ catalogue: true, contractId: null, clientId: null, version: 1, status: 'ACTIVE' });
    // In the catalogue alone it concerns no client yet.
    expect(await reportsOf(measure.id)).toEqual([]);

    await ok(APPLY, { input: { measureId: measure.id, contractIds: [a1, a2, b1, c1] } });
    const applied = await reportsOf(measure.id);
    expect(applied.map((r) => [r.clientId, r.contractIds])).toEqual(
      expect.arrayContaining([
        [a, [a1, a2].sort()],
        [b, [b1]],
        [c, [c1]],
      ]),
    );
    expect(applied).toHaveLength(3);
    expect(applied[0]).toMatchObject({ article: 'Art 5.2', kind: 'safety-measures.changed', facts: { change: 'APPLIED', version: 1 } });

    // c's contract ends: a later change of the catalogue no longer concerns c.
    await endContract(c1);
    clock.set(new Date(T0.getTime() + 3600_000));
    const changed = (
      await ok(
        CHANGE,
        {
          id: measure.id,
          input: { description: '業務端末は FIDO2 キーによる多要素認証で利用する。', changeSummary: '認証要素を FIDO2 に変更' },
        },
        officer,
      )
    ).changeSafetyMeasure;
    expect(changed).toMatchObject({ version: 2, description: '業務端末は FIDO2 キーによる多要素認証で利用する。', title: 'アクセス制御' });
    const reports = (await reportsOf(measure.id)).slice(3);
    expect(reports).toEqual(
      expect.arrayContaining([
        {
          clientId: a,
          contractIds: [a1, a2].sort(),
          article: 'Art 5.2',
          kind: 'safety-measures.changed',
          subject: { type: 'SafetyMeasure', id: measure.id },
          facts: { measureId: measure.id, version: 2, category: 'TECHNICAL', change: 'CHANGED', summary: '認証要素を FIDO2 に変更' },
          dueAt: new Date(T0.getTime() + 3600_000 + DAY).toISOString(),
        },
        expect.objectContaining({ clientId: b, contractIds: [b1] }),
      ]),
    );
    expect(reports).toHaveLength(2);

    const read = (await ok(MEASURE, { id: measure.id }, staffPrincipal(StaffRole.AUDITOR))).safetyMeasure;
    expect(read.versions).toEqual([
      expect.objectContaining({
        version: 1,
        changeKind: 'CREATED',
        description: '業務端末は多要素認証で利用する。',
        changedByEmployeeId: admin.employeeId,
        changedByTokenId: admin.tokenId,
      }),
      expect.objectContaining({
        version: 2,
        changeKind: 'CHANGED',
        changeSummary: '認証要素を FIDO2 に変更',
        changedByEmployeeId: officer.employeeId,
      }),
    ]);
    expect((await ok(MEASURES, { contractId: a1 })).safetyMeasures.edges).toEqual([{ node: { id: measure.id, version: 2 } }]);

    // Retired: a last version, reported, and in force on no contract.
    const retired = (await ok(RETIRE, { id: measure.id, s: 'ゼロトラスト構成へ移行' })).retireSafetyMeasure;
    expect(retired).toMatchObject({ version: 3, status: 'RETIRED' });
    expect((await reportsOf(measure.id)).slice(5).map((r) => [r.clientId, r.facts.change])).toEqual(
      expect.arrayContaining([
        [a, 'RETIRED'],
        [b, 'RETIRED'],
      ]),
    );
    expect((await ok(ON_CONTRACT, { id: a1 })).contract.safetyMeasures).toEqual([]);
  });

  it('shows a partner the measures in force on its own contracts at the version in force, and nothing of another client', async () => {
    clock.set(T0);
    const [own, other] = [await newClient(), await newClient()];
    const [ownContract, otherContract] = [await newContract(own), await newContract(other)];
    const shared = await catalogueMeasure({
      category: 'PHYSICAL',
      title: '入退室管理',
      description: 'ICカードで入退室を記録する。',
      owner: '総務部',
    });
    await ok(APPLY, { input: { measureId: shared.id, contractIds: [ownContract, otherContract] } });
    clock.set(new Date(T0.getTime() + 60_000));
    await ok(CHANGE, { id: shared.id, input: { owner: '総務部長', changeSummary: '責任者を変更' } });
    const addition = (
      await ok(CREATE, {
        input: {
          contractId: ownContract,
          category: 'HUMAN',
          title: '専任者の指名',
          description: '本契約の取扱者は 3 名に限る。',
          owner: '業務部長',
          changeSummary: '契約固有の措置を追加',
        },
      })
    ).createSafetyMeasure;
    expect(addition).toMatchObject({ catalogue: false, contractId: ownContract, clientId: own, version: 1 });
    // An addition is reported to its contract's client alone.
    expect(await reportsOf(addition.id)).toEqual([
      expect.objectContaining({
        clientId: own,
        contractIds: [ownContract],
        facts: expect.objectContaining({ change: 'CREATED', category: 'HUMAN', summary: '契約固有の措置を追加' }),
      }),
    ]);

    const partner = partnerPrincipal(own, [Scope.CONTRACTS_READ]);
    expect((await ok(ON_CONTRACT, { id: ownContract }, partner)).contract.safetyMeasures).toEqual([
      {
        measureId: addition.id,
        catalogue: false,
        category: 'HUMAN',
        title: '専任者の指名',
        description: '本契約の取扱者は 3 名に限る。',
        owner: '業務部長',
        version: 1,
        versionSince: new Date(T0.getTime() + 60_000).toISOString(),
        appliedAt: new Date(T0.getTime() + 60_000).toISOString(),
      },
      {
        measureId: shared.id,
        catalogue: true,
        category: 'PHYSICAL',
        title: '入退室管理',
        description: 'ICカードで入退室を記録する。',
        owner: '総務部長',
        version: 2,
        versionSince: new Date(T0.getTime() + 60_000).toISOString(),
        appliedAt: T0.toISOString(),
      },
    ]);
    // Another client's contract is answered like a missing one; its measures are not the partner's.
    expect((await sut.call(ON_CONTRACT, { id: otherContract }, partner)).data?.contract).toBeNull();
    expect((await ok(ON_CONTRACT, { id: otherContract })).contract.safetyMeasures.map((m: { measureId: string }) => m.measureId)).toEqual([
      shared.id,
    ]);
    // Without contracts:read, no contract and no measures; the catalogue is for staff.
    expect(errorCodes(await sut.call(ON_CONTRACT, { id: ownContract }, partnerPrincipal(own, [Scope.REPORTS_ACK])))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);
    expect(errorCodes(await sut.call(MEASURES, {}, partner))).toEqual([ErrorCode.FORBIDDEN]);
    expect(errorCodes(await sut.call(MEASURE, { id: shared.id }, partner))).toEqual([ErrorCode.FORBIDDEN]);

    // Unapplied: gone from the contract, reported to its client alone.
    const before = (await reportsOf(shared.id)).length;
    await ok(UNAPPLY, { input: { measureId: shared.id, contractIds: [ownContract], changeSummary: '本契約では不要' } });
    expect((await reportsOf(shared.id)).slice(before)).toEqual([
      expect.objectContaining({
        clientId: own,
        contractIds: [ownContract],
        facts: expect.objectContaining({ change: 'UNAPPLIED', summary: '本契約では不要' }),
      }),
    ]);
    expect(
      (await ok(ON_CONTRACT, { id: ownContract }, partner)).contract.safetyMeasures.map((m: { measureId: string }) => m.measureId),
    ).toEqual([addition.id]);
    // Applied again: in force once more, its link row reused.
    await ok(APPLY, { input: { measureId: shared.id, contractIds: [ownContract] } });
    expect(
      await sut.app.deps.dataSource.manager.countBy(ContractSafetyMeasureEntity, { measureId: shared.id, contractId: ownContract }),
    ).toBe(1);
    expect((await ok(ON_CONTRACT, { id: ownContract }, partner)).contract.safetyMeasures).toHaveLength(2);
  });

  it('refuses callers without the role, bad input, a retired measure and ended or unknown contracts, writing nothing', async () => {
    clock.set(T0);
    const clientId = await newClient();
    const contractId = await newContract(clientId);
    const ended = await newContract(clientId);
    await endContract(ended);
    const measure = await catalogueMeasure();
    const rows = async () => ({
      measures: await sut.app.deps.dataSource.manager.count(SafetyMeasureEntity),
      versions: await sut.app.deps.dataSource.manager.count(SafetyMeasureVersionEntity),
      links: await sut.app.deps.dataSource.manager.count(ContractSafetyMeasureEntity),
      events: await sut.app.deps.dataSource.manager.countBy(OutboxEventEntity, { type: 'client-report.requested' }),
    });
    const before = await rows();
    const valid = { category: 'ORGANIZATIONAL', title: '規程の整備', description: '個人情報取扱規程を定める。', owner: 'CPO' };

    for (const who of [
      staffPrincipal(StaffRole.HANDLER),
      staffPrincipal(StaffRole.AUDITOR),
      partnerPrincipal(clientId, Object.values(Scope)),
    ]) {
      expect(errorCodes(await sut.call(CREATE, { input: valid }, who))).toEqual([ErrorCode.FORBIDDEN]);
      expect(errorCodes(await sut.call(CHANGE, { id: measure.id, input: { title: 'x', changeSummary: 'x' } }, who))).toEqual([
        ErrorCode.FORBIDDEN,
      ]);
      expect(errorCodes(await sut.call(APPLY, { input: { measureId: measure.id, contractIds: [contractId] } }, who))).toEqual([
        ErrorCode.FORBIDDEN,
      ]);
      expect(errorCodes(await sut.call(UNAPPLY, { input: { measureId: measure.id, contractIds: [contractId] } }, who))).toEqual([
        ErrorCode.FORBIDDEN,
      ]);
      expect(errorCodes(await sut.call(RETIRE, { id: measure.id, s: 'x' }, who))).toEqual([ErrorCode.FORBIDDEN]);
    }
    for (const input of [
      { ...valid, category: 'LEGAL' },
      { ...valid, title: '' },
      { ...valid, title: '   ' },
      { ...valid, description: 'x'.repeat(4001) },
      { ...valid, contractId: 'not-an-id' },
    ]) {
      expect(errorCodes(await sut.call(CREATE, { input }, admin))).toEqual([ErrorCode.BAD_USER_INPUT]);
    }
    expect(errorCodes(await sut.call(CREATE, { input: { ...valid, contractId: '0190b8a8-0000-7000-8000-000000000000' } }, admin))).toEqual([
      ErrorCode.NOT_FOUND,
    ]);
    // A change must change something and say what.
    expect(errorCodes(await sut.call(CHANGE, { id: measure.id, input: { title: 'アクセス制御', changeSummary: '同じ' } }, admin))).toEqual([
      ErrorCode.BAD_USER_INPUT,
    ]);
    expect(errorCodes(await sut.call(CHANGE, { id: measure.id, input: { title: '新しい題' } }, admin))).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(
      errorCodes(await sut.call(CHANGE, { id: '0190b8a8-0000-7000-8000-000000000000', input: { title: 'x', changeSummary: 'x' } }, admin)),
    ).toEqual([ErrorCode.NOT_FOUND]);
    // Only active, known contracts; an addition applies to its own contract alone.
    expect(errorCodes(await sut.call(APPLY, { input: { measureId: measure.id, contractIds: [contractId, ended] } }, admin))).toEqual([
      ErrorCode.CONFLICT,
    ]);
    expect(
      errorCodes(
        await sut.call(
          APPLY,
          { input: { measureId: measure.id, contractIds: [contractId, '0190b8a8-0000-7000-8000-000000000000'] } },
          admin,
        ),
      ),
    ).toEqual([ErrorCode.NOT_FOUND]);
    expect(errorCodes(await sut.call(APPLY, { input: { measureId: measure.id, contractIds: [] } }, admin))).toEqual([
      ErrorCode.BAD_USER_INPUT,
    ]);
    expect(
      errorCodes(
        await sut.call(UNAPPLY, { input: { measureId: measure.id, contractIds: ['0190b8a8-0000-7000-8000-000000000000'] } }, admin),
      ),
    ).toEqual([ErrorCode.NOT_FOUND]);
    expect(errorCodes(await sut.call(RETIRE, { id: measure.id, s: '  ' }, admin))).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(await rows()).toEqual(before);

    const addition = (await ok(CREATE, { input: { ...valid, contractId } })).createSafetyMeasure;
    const afterAddition = await rows();
    expect(errorCodes(await sut.call(APPLY, { input: { measureId: addition.id, contractIds: [contractId] } }, admin))).toEqual([
      ErrorCode.BAD_USER_INPUT,
    ]);
    expect(errorCodes(await sut.call(UNAPPLY, { input: { measureId: addition.id, contractIds: [contractId] } }, admin))).toEqual([
      ErrorCode.BAD_USER_INPUT,
    ]);
    expect(await rows()).toEqual(afterAddition);
    await ok(RETIRE, { id: measure.id, s: '廃止' });
    const afterRetire = await rows();
    expect(afterRetire.versions).toBe(afterAddition.versions + 1);
    expect(errorCodes(await sut.call(RETIRE, { id: measure.id, s: 'again' }, admin))).toEqual([ErrorCode.CONFLICT]);
    expect(errorCodes(await sut.call(CHANGE, { id: measure.id, input: { title: '復活', changeSummary: 'x' } }, admin))).toEqual([
      ErrorCode.CONFLICT,
    ]);
    expect(errorCodes(await sut.call(APPLY, { input: { measureId: measure.id, contractIds: [contractId] } }, admin))).toEqual([
      ErrorCode.CONFLICT,
    ]);
    expect(await rows()).toEqual(afterRetire);
    expect(await versionsOf(measure.id)).toBe(2);
  });

  it('names at most 100 contracts in one report: a client with more gets several, together naming each once', async () => {
    clock.set(T0);
    const clientId = await newClient();
    const contracts: string[] = [];
    for (let i = 0; i < 101; i += 1) contracts.push(await newContract(clientId));
    const measure = await catalogueMeasure();
    await ok(APPLY, { input: { measureId: measure.id, contractIds: contracts } });
    const reports = await reportsOf(measure.id);
    expect(reports.map((r) => r.contractIds.length).sort((x, y) => x - y)).toEqual([1, 100]);
    expect(reports.flatMap((r) => r.contractIds).sort()).toEqual([...contracts].sort());
  });
});
