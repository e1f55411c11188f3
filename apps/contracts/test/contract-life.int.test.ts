/**
 * A contract's life (DRAFT → ACTIVE → ENDED or TERMINATED) and its purpose versions, against the
 * real MySQL and Redis: impossible steps are CONFLICT and write nothing; ending or terminating
 * publishes `contract.ended` through the outbox to the custody-events queue (where it waits for
 * custody) and reports the end to the client (Art 9.1); LookupContracts answers the four states.
 */
import { Queue } from 'bullmq';
import { CredentialIssuer, Scope, ServiceClient, StaffRole, TestClock, newId } from '@azukari/common';
import { OutboxEventEntity } from '@azukari/db';
import { ContractEnded, QueueName, createRedis, jobIdFor } from '@azukari/jobs';
import { LookupContracts } from '@azukari/routes';
import { errorCodes, partnerPrincipal, staffPrincipal, testKeys } from '@azukari/testing';
import { ClientReportEntity } from '../src/client-report/client-report.entity';
import { ContractEntity } from '../src/contract/contract.entity';
import { ContractPurposeVersionEntity } from '../src/contract/contract-purpose-version.entity';
import { bootContracts, type BootedContracts } from './boot';

// 12:00 in Tokyo on 2026-06-01.
const T0 = new Date('2026-06-01T03:00:00.000Z');

const FIELDS = 'id clientId status purposes purposeVersion serviceEndedOn terminationReason';
const CREATE_CLIENT = `mutation ($input: CreateClientInput!) { createClient(input: $input) { client { id } } }`;
const CREATE = `mutation ($input: CreateContractInput!) { createContract(input: $input) { ${FIELDS} } }`;
const ACTIVATE = `mutation ($id: ID!) { activateContract(id: $id) { ${FIELDS} } }`;
const END = `mutation ($input: EndContractInput!) { endContract(input: $input) { ${FIELDS} } }`;
const TERMINATE = `mutation ($input: TerminateContractInput!) { terminateContract(input: $input) { ${FIELDS} } }`;
const CHANGE = `mutation ($input: ChangeContractPurposesInput!) { changeContractPurposes(input: $input) { ${FIELDS} } }`;
const VERSIONS = `query ($id: ID!) { contract(id: $id) { purposeVersion purposeVersions { version purposes reason changedAt changedByTokenId changedByEmployeeId } } }`;

describe("contracts: a contract's life and its purpose versions", () => {
  let sut: BootedContracts;
  const clock = new TestClock(T0);
  const admin = staffPrincipal(StaffRole.ADMIN);
  const officer = staffPrincipal(StaffRole.PRIVACY_OFFICER);
  let clientId: string;
  let otherClientId: string;

  beforeAll(async () => {
    sut = await bootContracts({ clock });
    clientId = (
      await sut.call(CREATE_CLIENT, { input: { name: '株式会社ライフ', address: '東京都', reportEmail: 'p@life.example.jp' } }, admin)
    ).data?.createClient.client.id;
    otherClientId = (
      await sut.call(CREATE_CLIENT, { input: { name: 'Other Life KK', address: '東京都', reportEmail: 'p@other.example.jp' } }, admin)
    ).data?.createClient.client.id;
  });
  afterAll(async () => {
    await sut.close();
  });
  beforeEach(() => clock.set(T0));

  const manager = () => sut.app.deps.dataSource.manager;
  const create = async (overrides: Record<string, unknown> = {}, as = admin) => {
    const res = await sut.call(
      CREATE,
      { input: { clientId, title: '給与計算業務', purposes: ['payroll'], executedOn: '2026-04-01', startsOn: '2026-04-01', ...overrides } },
      as,
    );
    expect(res.errors).toBeUndefined();
    return res.data?.createContract as { id: string; status: string; purposeVersion: number };
  };
  const rowOf = async (id: string) => await manager().findOneByOrFail(ContractEntity, { id });
  const eventsAbout = async (contractId: string) =>
    (await manager().find(OutboxEventEntity, { order: { id: 'ASC' } }))
      .map((e) => ({ id: e.id, type: e.type, trace: e.trace, payload: JSON.parse(e.payload) as Record<string, any> }))
      .filter((e) => e.payload.contractId === contractId || (e.payload.contractIds as string[] | undefined)?.includes(contractId));

  it('creates ACTIVE by default, DRAFT on request, each with version 1 of its purposes kept with who entered it', async () => {
    const active = await create();
    expect(active).toMatchObject({ status: 'ACTIVE', purposeVersion: 1 });
    const draft = await create({ draft: true }, officer);
    expect(draft).toMatchObject({ status: 'DRAFT', purposeVersion: 1 });
    const versions = (await sut.call(VERSIONS, { id: draft.id }, admin)).data?.contract;
    expect(versions).toEqual({
      purposeVersion: 1,
      purposeVersions: [
        {
          version: 1,
          purposes: ['payroll'],
          reason: null,
          changedAt: T0.toISOString(),
          changedByTokenId: officer.tokenId,
          changedByEmployeeId: officer.employeeId,
        },
      ],
    });
  });

  it('activates a draft once; a second activation is CONFLICT and changes nothing', async () => {
    const draft = await create({ draft: true });
    clock.advance(60_000);
    const res = await sut.call(ACTIVATE, { id: draft.id }, admin);
    expect(res.data?.activateContract.status).toBe('ACTIVE');
    const before = await rowOf(draft.id);
    clock.advance(60_000);
    const again = await sut.call(ACTIVATE, { id: draft.id }, admin);
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors?.[0]?.message).toContain('is ACTIVE and cannot be activated');
    expect(await rowOf(draft.id)).toEqual(before);
  });

  it('keeps every change of purposes as a version, with when, by whom and why', async () => {
    const contract = await create();
    clock.advance(3_600_000);
    const changed = await sut.call(
      CHANGE,
      { input: { id: contract.id, purposes: ['payroll', 'year-end adjustment'], reason: '覚書第2号' } },
      officer,
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.changeContractPurposes).toMatchObject({ purposes: ['payroll', 'year-end adjustment'], purposeVersion: 2 });
    const versions = (await sut.call(VERSIONS, { id: contract.id }, admin)).data?.contract;
    expect(versions.purposeVersion).toBe(2);
    expect(versions.purposeVersions).toEqual([
      expect.objectContaining({ version: 1, purposes: ['payroll'], reason: null, changedByTokenId: admin.tokenId }),
      {
        version: 2,
        purposes: ['payroll', 'year-end adjustment'],
        reason: '覚書第2号',
        changedAt: new Date(T0.getTime() + 3_600_000).toISOString(),
        changedByTokenId: officer.tokenId,
        changedByEmployeeId: officer.employeeId,
      },
    ]);
    // A partner reads its own contract's versions; another client's contract is not there for it.
    const own = await sut.call(VERSIONS, { id: contract.id }, partnerPrincipal(clientId, [Scope.CONTRACTS_READ]));
    expect(own.data?.contract.purposeVersions).toHaveLength(2);
    // The token that changed them, but not which of the operator's employees held it.
    expect(own.data?.contract.purposeVersions[1]).toMatchObject({ changedByTokenId: officer.tokenId, changedByEmployeeId: null });
    const other = await sut.call(VERSIONS, { id: contract.id }, partnerPrincipal(otherClientId, [Scope.CONTRACTS_READ]));
    expect(other.data?.contract).toBeNull();
  });

  it('ends an ACTIVE contract: ENDED, contract.ended to custody and an Art 9.1 report to the client, in one transaction', async () => {
    const contract = await create();
    const res = await sut.call(END, { input: { id: contract.id, endedOn: '2026-05-31' } }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data?.endContract).toMatchObject({ status: 'ENDED', serviceEndedOn: '2026-05-31', terminationReason: null });
    const events = await eventsAbout(contract.id);
    expect(events.map((e) => e.type)).toEqual(['contract.ended', 'client-report.requested']);
    expect(events[0]!.payload).toEqual({ contractId: contract.id, clientId, status: 'ENDED', endedOn: '2026-05-31', at: T0.toISOString() });
    expect(events[1]!.payload).toEqual({
      clientId,
      contractIds: [contract.id],
      article: 'Art 9.1',
      kind: 'contract.ended',
      subject: { type: 'Contract', id: contract.id },
      facts: { contractId: contract.id, status: 'ENDED', endedOn: '2026-05-31' },
      dueAt: new Date(T0.getTime() + 24 * 3_600_000).toISOString(),
    });

    // The relay puts contract.ended on custody-events, where it waits: nothing consumes it yet.
    const eventId = events[0]!.id;
    const redis = createRedis(sut.app.deps.config.redisUrl, 'producer');
    const queue = new Queue(QueueName.CUSTODY_EVENTS, { connection: redis, prefix: sut.app.deps.config.queuePrefix });
    try {
      const job = await waitFor(async () => await queue.getJob(jobIdFor('contracts', eventId)));
      expect(job.name).toBe(ContractEnded.name);
      expect(job.data).toMatchObject({ eventId, payload: events[0]!.payload });
      expect(await job.getState()).toBe('waiting');
    } finally {
      await queue.close();
      redis.disconnect();
    }
    // And contracts' own consumer records the report.
    const report = await waitFor(async () => await manager().findOneBy(ClientReportEntity, { subjectId: contract.id }));
    expect(report).toMatchObject({ clientId, article: 'Art 9.1', kind: 'contract.ended', subjectType: 'Contract' });
  });

  it('terminates an ACTIVE contract with its date and reason, and reports it as contract.terminated', async () => {
    const contract = await create();
    const res = await sut.call(
      TERMINATE,
      { input: { id: contract.id, terminatedOn: '2026-06-01', reason: '委託先の契約違反による解除' } },
      officer,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.terminateContract).toMatchObject({
      status: 'TERMINATED',
      serviceEndedOn: '2026-06-01',
      terminationReason: '委託先の契約違反による解除',
    });
    const events = await eventsAbout(contract.id);
    expect(events.map((e) => [e.type, e.payload.status ?? e.payload.kind])).toEqual([
      ['contract.ended', 'TERMINATED'],
      ['client-report.requested', 'contract.terminated'],
    ]);
    // The reason is the operator's words: it stays out of the report.
    expect(JSON.stringify(events[1]!.payload)).not.toContain('解除');
  });

  it('refuses every impossible step with CONFLICT and writes nothing', async () => {
    const draft = await create({ draft: true });
    const ended = await create();
    await sut.call(END, { input: { id: ended.id, endedOn: '2026-05-01' } }, admin);
    const terminated = await create();
    await sut.call(TERMINATE, { input: { id: terminated.id, terminatedOn: '2026-05-01', reason: 'r' } }, admin);
    const rows = async () => await Promise.all([draft.id, ended.id, terminated.id].map(rowOf));
    const before = await rows();
    const eventsOf = async () => (await Promise.all([draft.id, ended.id, terminated.id].map(eventsAbout))).flat().length;
    const outboxBefore = await eventsOf();
    const versionsBefore = await manager().count(ContractPurposeVersionEntity);
    clock.advance(60_000);
    const attempts = [
      [END, { input: { id: draft.id, endedOn: '2026-05-01' } }],
      [TERMINATE, { input: { id: draft.id, terminatedOn: '2026-05-01', reason: 'r' } }],
      [END, { input: { id: ended.id, endedOn: '2026-05-02' } }],
      [TERMINATE, { input: { id: ended.id, terminatedOn: '2026-05-02', reason: 'r' } }],
      [ACTIVATE, { id: ended.id }],
      [CHANGE, { input: { id: ended.id, purposes: ['x'], reason: 'r' } }],
      [END, { input: { id: terminated.id, endedOn: '2026-05-02' } }],
      [ACTIVATE, { id: terminated.id }],
      [CHANGE, { input: { id: terminated.id, purposes: ['x'], reason: 'r' } }],
    ] as const;
    for (const [query, variables] of attempts) {
      expect(errorCodes(await sut.call(query, variables, admin))).toEqual(['CONFLICT']);
    }
    expect(await rows()).toEqual(before);
    expect(await eventsOf()).toBe(outboxBefore);
    expect(await manager().count(ContractPurposeVersionEntity)).toBe(versionsBefore);
  });

  it('refuses an end in the future, before the start, or on an impossible date with BAD_USER_INPUT, and writes nothing', async () => {
    const contract = await create();
    const before = await rowOf(contract.id);
    for (const endedOn of ['2026-06-02', '2026-03-31', '2026-02-30']) {
      const res = await sut.call(END, { input: { id: contract.id, endedOn } }, admin);
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    }
    expect(errorCodes(await sut.call(TERMINATE, { input: { id: contract.id, terminatedOn: '2026-05-01', reason: '  ' } }, admin))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await sut.call(CHANGE, { input: { id: contract.id, purposes: ['a', 'a'], reason: 'r' } }, admin))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await rowOf(contract.id)).toEqual(before);
    expect(await eventsAbout(contract.id)).toEqual([]);
  });

  it("lets only an administrator or the privacy officer change a contract's life; a missing contract is NOT_FOUND", async () => {
    const contract = await create();
    const refused = [
      staffPrincipal(StaffRole.HANDLER),
      staffPrincipal(StaffRole.AUDITOR),
      partnerPrincipal(clientId, [Scope.CONTRACTS_READ, Scope.CONSENTS_WRITE, Scope.WEBHOOKS_WRITE]),
    ];
    for (const as of refused) {
      expect(errorCodes(await sut.call(END, { input: { id: contract.id, endedOn: '2026-05-01' } }, as))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await sut.call(ACTIVATE, { id: contract.id }, as))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await sut.call(CHANGE, { input: { id: contract.id, purposes: ['x'], reason: 'r' } }, as))).toEqual(['FORBIDDEN']);
    }
    expect((await rowOf(contract.id)).status).toBe('ACTIVE');
    expect(errorCodes(await sut.call(END, { input: { id: newId(), endedOn: '2026-05-01' } }, admin))).toEqual(['NOT_FOUND']);
  });

  it('answers LookupContracts with each of the four states, as custody asks', async () => {
    const draft = await create({ draft: true });
    const active = await create();
    const ended = await create();
    await sut.call(END, { input: { id: ended.id, endedOn: '2026-05-01' } }, admin);
    const terminated = await create();
    await sut.call(TERMINATE, { input: { id: terminated.id, terminatedOn: '2026-05-01', reason: 'r' } }, admin);
    const keys = await testKeys();
    const custody = new ServiceClient(new CredentialIssuer('custody', keys.privateKey('custody')), { contracts: sut.app.url });
    const { contracts } = await custody.call(LookupContracts, { ids: [draft.id, active.id, ended.id, terminated.id] }, admin);
    expect(Object.fromEntries(contracts.map((c) => [c.id, c.status]))).toEqual({
      [draft.id]: 'DRAFT',
      [active.id]: 'ACTIVE',
      [ended.id]: 'ENDED',
      [terminated.id]: 'TERMINATED',
    });
  });
});

const waitFor = async <T>(probe: () => Promise<T | null | undefined>, ms = 15_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
