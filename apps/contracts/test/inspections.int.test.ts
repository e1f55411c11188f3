/**
 * On-site inspections (Art 13.2–13.5) through contracts' GraphQL: the client's notice (by API or
 * on paper) must come before every proposed date; the operator accepts, reschedules or declines,
 * each reported to the client in the change's transaction; confirmation waits for the NDA the
 * operator asked for and for the acknowledged rules of entry and exit; costs only after a recorded
 * discussion. Another client's inspection is a missing one; refusals write nothing.
 */
import { ErrorCode, Scope, StaffRole, TestClock, type Principal } from '@azukari/common';
import { OutboxEventEntity } from '@azukari/db';
import { ClientReportRequested, type JobPayload } from '@azukari/jobs';
import { errorCodes, partnerPrincipal, staffPrincipal } from '@azukari/testing';
import { InspectionCostEntity, InspectionEntity } from '../src/inspection/inspection.entity';
import { bootContracts, type BootedContracts } from './boot';

// 09:00 in Tokyo on 2026-04-01.
const T0 = new Date('2026-04-01T00:00:00.000Z');
const SHA_A = 'a'.repeat(64);
const SHA_B = 'B'.repeat(64);

const CREATE_CLIENT = `mutation ($input: CreateClientInput!) { createClient(input: $input) { client { id } } }`;
const CREATE_CONTRACT = `mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`;
const FIELDS = `id clientId status noticeChannel noticeGivenOn noticeDocumentSha256 purpose proposedDates inspectors { role organization }
  scheduledOn rescheduleReason declineReason declineExplanation ndaRequired nda { documentSha256 signedOn signatory { role organization } }
  entryRulesAcknowledgement { rulesSha256 acknowledgedOn via documentSha256 } cancelReason completedOn findingsSummary contractIds`;
const REQUEST = `mutation ($input: RequestInspectionInput!) { requestInspection(input: $input) { ${FIELDS} } }`;
const ACCEPT = `mutation ($input: AcceptInspectionInput!) { acceptInspection(input: $input) { id status scheduledOn ndaRequired } }`;
const RESCHEDULE = `mutation ($input: RescheduleInspectionInput!) { rescheduleInspection(input: $input) { id status scheduledOn rescheduleReason } }`;
const DECLINE = `mutation ($input: DeclineInspectionInput!) { declineInspection(input: $input) { id status declineReason declineExplanation } }`;
const NDA = `mutation ($input: RecordInspectionNdaInput!) { recordInspectionNda(input: $input) { id nda { documentSha256 signedOn signatory { role organization } } } }`;
const ACK = `mutation ($input: AcknowledgeInspectionEntryRulesInput!) { acknowledgeInspectionEntryRules(input: $input) { id entryRulesAcknowledgement { rulesSha256 acknowledgedOn via documentSha256 } } }`;
const CONFIRM = `mutation ($id: ID!) { confirmInspection(id: $id) { id status } }`;
const COMPLETE = `mutation ($input: CompleteInspectionInput!) { completeInspection(input: $input) { id status completedOn findingsSummary } }`;
const CANCEL = `mutation ($input: CancelInspectionInput!) { cancelInspection(input: $input) { id status cancelReason } }`;
const DISCUSS = `mutation ($input: RecordInspectionCostDiscussionInput!) { recordInspectionCostDiscussion(input: $input) { id discussedOn participants { role organization } agreedOutcome } }`;
const CHARGE = `mutation ($input: ChargeInspectionCostInput!) { chargeInspectionCost(input: $input) { id discussionId description amountJpy } }`;
const LIST = `query ($clientId: ID, $contractId: ID, $status: InspectionStatus) {
  inspections(clientId: $clientId, contractId: $contractId, status: $status) { edges { node { id status } } } }`;
const ONE = `query ($id: ID!) { inspection(id: $id) { id status contracts { id } costDiscussions { id } costs { id amountJpy discussionId } } }`;
const CONTRACT_INSPECTIONS = `query ($id: ID!) { contract(id: $id) { id inspections { id status } } }`;

type Requested = JobPayload<typeof ClientReportRequested>;

describe('contracts: on-site inspections', () => {
  let sut: BootedContracts;
  const clock = new TestClock(T0);
  const admin = staffPrincipal(StaffRole.ADMIN);
  const officer = staffPrincipal(StaffRole.PRIVACY_OFFICER);

  beforeAll(async () => {
    sut = await bootContracts({ clock });
  });
  afterAll(async () => await sut.close());
  beforeEach(() => clock.set(T0));

  const ok = async (query: string, variables: Record<string, unknown>, as: Principal) => {
    const res = await sut.call(query, variables, as);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const newClientWithContract = async (name: string): Promise<{ clientId: string; contractId: string }> => {
    const clientId = (await ok(CREATE_CLIENT, { input: { name, address: '東京都千代田区', reportEmail: 'privacy@example.jp' } }, admin))
      .createClient.client.id as string;
    const contractId = (
      await ok(
        CREATE_CONTRACT,
        { input: { clientId, title: '給与計算業務', purposes: ['給与計算'], executedOn: '2025-04-01', startsOn: '2025-04-01' } },
        admin,
      )
    ).createContract.id as string;
    return { clientId, contractId };
  };
  const requester = (clientId: string) => partnerPrincipal(clientId, [Scope.INSPECTIONS_REQUEST, Scope.CONTRACTS_READ]);
  const requestInput = (contractId: string, overrides: Record<string, unknown> = {}) => ({
    input: {
      contractIds: [contractId],
      proposedDates: ['2026-04-20', '2026-04-15'],
      purpose: '安全管理措置の実施状況の確認（入退室管理、アクセス権限）',
      inspectors: [{ role: '情報システム部 監査担当', organization: '委託元' }],
      ...overrides,
    },
  });
  const request = async (contractId: string, as: Principal, overrides: Record<string, unknown> = {}) =>
    (await ok(REQUEST, requestInput(contractId, overrides), as)).requestInspection as Record<string, any>;
  const row = async (id: string) => await sut.app.deps.dataSource.manager.findOneByOrFail(InspectionEntity, { id });
  const reportsOf = async (inspectionId: string): Promise<Requested[]> =>
    (await sut.app.deps.dataSource.manager.find(OutboxEventEntity, { where: { type: ClientReportRequested.name }, order: { id: 'ASC' } }))
      .map((e) => JSON.parse(e.payload) as Requested)
      .filter((r) => r.subject.id === inspectionId);
  /** A refusal with `code` that leaves the inspection and its reports as they were. */
  const refusedUnchanged = async (inspectionId: string, code: string, query: string, variables: Record<string, unknown>, as: Principal) => {
    const [before, reportsBefore] = [await row(inspectionId), await reportsOf(inspectionId)];
    const res = await sut.call(query, variables, as);
    expect(errorCodes(res)).toEqual([code]);
    expect(await row(inspectionId)).toEqual(before);
    expect(await reportsOf(inspectionId)).toEqual(reportsBefore);
    return res;
  };

  it('takes a partner request as the written notice, lists it for staff and the partner and on the contract, and owes no report for it', async () => {
    const { clientId, contractId } = await newClientWithContract('立入 申入 株式会社');
    const partner = requester(clientId);
    const created = await request(contractId, partner, { noticeDocumentSha256: SHA_B });
    expect(created).toEqual({
      id: expect.any(String),
      clientId,
      status: 'REQUESTED',
      noticeChannel: 'API',
      noticeGivenOn: '2026-04-01',
      noticeDocumentSha256: SHA_B.toLowerCase(),
      purpose: '安全管理措置の実施状況の確認（入退室管理、アクセス権限）',
      proposedDates: ['2026-04-15', '2026-04-20'],
      inspectors: [{ role: '情報システム部 監査担当', organization: '委託元' }],
      scheduledOn: null,
      rescheduleReason: null,
      declineReason: null,
      declineExplanation: null,
      ndaRequired: null,
      nda: null,
      entryRulesAcknowledgement: null,
      cancelReason: null,
      completedOn: null,
      findingsSummary: null,
      contractIds: [contractId],
    });
    const id = created.id as string;
    expect((await ok(LIST, {}, partner)).inspections.edges).toEqual([{ node: { id, status: 'REQUESTED' } }]);
    expect((await ok(LIST, { clientId, status: 'REQUESTED' }, admin)).inspections.edges).toEqual([{ node: { id, status: 'REQUESTED' } }]);
    expect((await ok(LIST, { contractId, status: 'DECLINED' }, admin)).inspections.edges).toEqual([]);
    expect((await ok(LIST, { contractId }, staffPrincipal(StaffRole.AUDITOR))).inspections.edges).toEqual([
      { node: { id, status: 'REQUESTED' } },
    ]);
    expect((await ok(CONTRACT_INSPECTIONS, { id: contractId }, partner)).contract).toEqual({
      id: contractId,
      inspections: [{ id, status: 'REQUESTED' }],
    });
    expect((await ok(ONE, { id }, partner)).inspection).toEqual({
      id,
      status: 'REQUESTED',
      contracts: [{ id: contractId }],
      costDiscussions: [],
      costs: [],
    });
    expect(await reportsOf(id)).toEqual([]);
  });

  it('refuses a proposed date not after the notice with PRIOR_NOTICE_REQUIRED, and a paper notice without its date or SHA-256, writing nothing', async () => {
    const { clientId, contractId } = await newClientWithContract('立入 事前通知 株式会社');
    const count = async () => await sut.app.deps.dataSource.manager.countBy(InspectionEntity, { clientId });
    // Through the API the notice is given today: a date today is not after it.
    const sameDay = await sut.call(REQUEST, requestInput(contractId, { proposedDates: ['2026-04-01', '2026-04-10'] }), requester(clientId));
    expect(errorCodes(sameDay)).toEqual([ErrorCode.PRIOR_NOTICE_REQUIRED]);
    expect(sameDay.errors?.[0]?.message).toContain('2026-04-01');
    // On paper the notice carries its own date; staff give it, with the document's SHA-256.
    const paper = { noticeGivenOn: '2026-03-20', noticeDocumentSha256: SHA_A };
    expect(errorCodes(await sut.call(REQUEST, requestInput(contractId, { ...paper, proposedDates: ['2026-03-19'] }), officer))).toEqual([
      ErrorCode.PRIOR_NOTICE_REQUIRED,
    ]);
    for (const missing of [{ noticeGivenOn: '2026-03-20' }, { noticeDocumentSha256: SHA_A }]) {
      expect(errorCodes(await sut.call(REQUEST, requestInput(contractId, missing), officer))).toEqual([ErrorCode.BAD_USER_INPUT]);
    }
    for (const bad of [
      { noticeGivenOn: '2026-03-20' },
      { inspectors: [{ role: ' ', organization: '委託元' }] },
      { proposedDates: ['2026-02-30'] },
      { noticeDocumentSha256: 'not-a-digest' },
    ]) {
      expect(errorCodes(await sut.call(REQUEST, requestInput(contractId, bad), requester(clientId)))).toEqual([ErrorCode.BAD_USER_INPUT]);
    }
    expect(await count()).toBe(0);

    const recorded = await request(contractId, officer, { ...paper, proposedDates: ['2026-03-25', '2026-04-15'] });
    expect(recorded).toMatchObject({ noticeChannel: 'PAPER', noticeGivenOn: '2026-03-20', noticeDocumentSha256: SHA_A });
    expect(await count()).toBe(1);
  });

  it('declines only with a reason 13.2 allows and its explanation, reports it, and refuses any later answer', async () => {
    const { clientId, contractId } = await newClientWithContract('立入 辞退 株式会社');
    const { id } = await request(contractId, requester(clientId));
    await refusedUnchanged(
      id,
      ErrorCode.BAD_USER_INPUT,
      DECLINE,
      { input: { id, reason: 'IMPEDES_OPERATIONS', explanation: '  ' } },
      admin,
    );
    await refusedUnchanged(id, ErrorCode.BAD_USER_INPUT, DECLINE, { input: { id, reason: 'BUSY', explanation: '繁忙期' } }, admin);

    const declined = (
      await ok(DECLINE, { input: { id, reason: 'OTHER_VALID_REASON', explanation: '同日に当局の立入検査が予定されているため' } }, officer)
    ).declineInspection;
    expect(declined).toEqual({
      id,
      status: 'DECLINED',
      declineReason: 'OTHER_VALID_REASON',
      declineExplanation: '同日に当局の立入検査が予定されているため',
    });
    expect(await reportsOf(id)).toEqual([
      {
        clientId,
        contractIds: [contractId],
        article: 'Art 13.2',
        kind: 'inspection.declined',
        subject: { type: 'Inspection', id },
        facts: { inspectionId: id, reason: 'OTHER_VALID_REASON' },
        dueAt: new Date(T0.getTime() + 24 * 3600_000).toISOString(),
      },
    ]);
    const late = await refusedUnchanged(id, ErrorCode.INVALID_TRANSITION, ACCEPT, { input: { id, scheduledOn: '2026-04-15' } }, admin);
    expect(late.errors?.[0]?.message).toBe('The inspection is DECLINED: it cannot be accepted now, only when REQUESTED.');
    await refusedUnchanged(id, ErrorCode.INVALID_TRANSITION, CONFIRM, { id }, admin);
    await refusedUnchanged(id, ErrorCode.INVALID_TRANSITION, CANCEL, { input: { id } }, requester(clientId));
  });

  it('confirms only once the NDA asked for is signed and the rules of entry and exit acknowledged, then completes, reporting each step', async () => {
    const { clientId, contractId } = await newClientWithContract('立入 確定 株式会社');
    const partner = requester(clientId);
    const { id } = await request(contractId, partner);
    await refusedUnchanged(id, ErrorCode.INVALID_TRANSITION, CONFIRM, { id }, admin);
    await refusedUnchanged(id, ErrorCode.BAD_USER_INPUT, ACCEPT, { input: { id, scheduledOn: '2026-04-16' } }, admin);
    expect((await ok(ACCEPT, { input: { id, scheduledOn: '2026-04-15' } }, admin)).acceptInspection).toEqual({
      id,
      status: 'ACCEPTED',
      scheduledOn: '2026-04-15',
      ndaRequired: true,
    });

    await refusedUnchanged(id, ErrorCode.NDA_REQUIRED, CONFIRM, { id }, admin);
    const nda = (signedOn: string) => ({
      input: { id, documentSha256: SHA_B, signedOn, signatory: { role: '代表取締役', organization: '立入 確定 株式会社' } },
    });
    // A signature is dated when it was made, not in the future.
    await refusedUnchanged(id, ErrorCode.BAD_USER_INPUT, NDA, nda('2026-04-02'), partner);
    expect((await ok(NDA, nda('2026-04-01'), partner)).recordInspectionNda).toEqual({
      id,
      nda: {
        documentSha256: SHA_B.toLowerCase(),
        signedOn: '2026-04-01',
        signatory: { role: '代表取締役', organization: '立入 確定 株式会社' },
      },
    });

    // 13.4: Azukari confirms no date to inspectors who have not acknowledged the rules of entry and exit.
    await refusedUnchanged(id, ErrorCode.ENTRY_RULES_ACK_REQUIRED, CONFIRM, { id }, admin);
    // Through the API the acknowledgement is made today and is its own record; staff record paper with its date and digest.
    await refusedUnchanged(id, ErrorCode.BAD_USER_INPUT, ACK, { input: { id, rulesSha256: SHA_A, acknowledgedOn: '2026-03-31' } }, partner);
    await refusedUnchanged(id, ErrorCode.BAD_USER_INPUT, ACK, { input: { id, rulesSha256: SHA_A } }, officer);
    expect((await ok(ACK, { input: { id, rulesSha256: SHA_A } }, partner)).acknowledgeInspectionEntryRules).toEqual({
      id,
      entryRulesAcknowledgement: { rulesSha256: SHA_A, acknowledgedOn: '2026-04-01', via: 'API', documentSha256: null },
    });

    expect((await ok(CONFIRM, { id }, officer)).confirmInspection).toEqual({ id, status: 'CONFIRMED' });
    await refusedUnchanged(id, ErrorCode.INVALID_TRANSITION, NDA, nda('2026-04-01'), partner);
    // Completion: not before the scheduled date, and not in the future.
    clock.set(new Date('2026-04-15T06:00:00.000Z'));
    const complete = (completedOn: string) => ({
      input: { id, completedOn, findingsSummary: '入退室記録とアクセス権限の棚卸しを確認。指摘事項なし。' },
    });
    await refusedUnchanged(id, ErrorCode.BAD_USER_INPUT, COMPLETE, complete('2026-04-14'), admin);
    await refusedUnchanged(id, ErrorCode.BAD_USER_INPUT, COMPLETE, complete('2026-04-16'), admin);
    await refusedUnchanged(id, ErrorCode.FORBIDDEN, COMPLETE, complete('2026-04-15'), partner);
    expect((await ok(COMPLETE, complete('2026-04-15'), admin)).completeInspection).toEqual({
      id,
      status: 'COMPLETED',
      completedOn: '2026-04-15',
      findingsSummary: '入退室記録とアクセス権限の棚卸しを確認。指摘事項なし。',
    });

    expect((await reportsOf(id)).map((r) => [r.article, r.kind, r.facts])).toEqual([
      [
        'Art 13.2',
        'inspection.accepted',
        { inspectionId: id, scheduledOn: '2026-04-15', ndaRequired: true, entryRulesAcknowledged: false },
      ],
      [
        'Art 13.2',
        'inspection.confirmed',
        { inspectionId: id, scheduledOn: '2026-04-15', ndaSignedOn: '2026-04-01', entryRulesAcknowledgedOn: '2026-04-01' },
      ],
      ['Art 13.2', 'inspection.completed', { inspectionId: id, completedOn: '2026-04-15' }],
    ]);
  });

  it('confirms without an NDA when the operator asked for none; reschedules with a reason, to be confirmed again; staff record paper acknowledgements', async () => {
    const { clientId, contractId } = await newClientWithContract('立入 日程変更 株式会社');
    const { id } = await request(contractId, requester(clientId));
    await ok(ACCEPT, { input: { id, scheduledOn: '2026-04-20', ndaRequired: false } }, admin);
    await ok(ACK, { input: { id, rulesSha256: SHA_A, acknowledgedOn: '2026-03-31', documentSha256: SHA_B } }, officer);
    expect((await row(id)).entryRulesAcknowledgedVia).toBe('PAPER');
    expect((await ok(CONFIRM, { id }, admin)).confirmInspection).toEqual({ id, status: 'CONFIRMED' });

    await refusedUnchanged(
      id,
      ErrorCode.BAD_USER_INPUT,
      RESCHEDULE,
      { input: { id, scheduledOn: '2026-04-01', reason: '設備工事' } },
      admin,
    );
    await refusedUnchanged(id, ErrorCode.BAD_USER_INPUT, RESCHEDULE, { input: { id, scheduledOn: '2026-04-22', reason: ' ' } }, admin);
    expect(
      (await ok(RESCHEDULE, { input: { id, scheduledOn: '2026-04-22', reason: 'サーバ室の設備工事のため' } }, admin)).rescheduleInspection,
    ).toEqual({
      id,
      status: 'RESCHEDULED',
      scheduledOn: '2026-04-22',
      rescheduleReason: 'サーバ室の設備工事のため',
    });
    expect((await reportsOf(id)).at(-1)).toMatchObject({
      article: 'Art 13.2',
      kind: 'inspection.rescheduled',
      facts: { inspectionId: id, scheduledOn: '2026-04-22', previousScheduledOn: '2026-04-20', ndaRequired: false },
    });
    expect((await ok(CONFIRM, { id }, admin)).confirmInspection).toEqual({ id, status: 'CONFIRMED' });
    expect((await ok(CANCEL, { input: { id, reason: '社内事情により取り下げ' } }, requester(clientId))).cancelInspection).toEqual({
      id,
      status: 'CANCELLED',
      cancelReason: '社内事情により取り下げ',
    });
    expect((await reportsOf(id)).map((r) => r.kind)).toEqual([
      'inspection.accepted',
      'inspection.confirmed',
      'inspection.rescheduled',
      'inspection.confirmed',
    ]);
  });

  it('charges a cost only after the discussion is recorded (13.5), and reports the charge', async () => {
    const { clientId, contractId } = await newClientWithContract('立入 費用 株式会社');
    const { id } = await request(contractId, requester(clientId));
    const charge = { input: { inspectionId: id, description: '想定範囲を超える3日目の立会い対応', amountJpy: 165_000 } };
    const costs = async () => await sut.app.deps.dataSource.manager.countBy(InspectionCostEntity, { inspectionId: id });
    // Costs are those of accepting an inspection: none before it is accepted.
    await refusedUnchanged(id, ErrorCode.INVALID_TRANSITION, CHARGE, charge, admin);
    await ok(ACCEPT, { input: { id, scheduledOn: '2026-04-15' } }, admin);
    await refusedUnchanged(id, ErrorCode.COST_DISCUSSION_REQUIRED, CHARGE, charge, admin);
    expect(await costs()).toBe(0);

    const discussion = (
      await ok(
        DISCUSS,
        {
          input: {
            inspectionId: id,
            discussedOn: '2026-04-01',
            participants: [
              { role: '個人情報保護管理者', organization: '受託者' },
              { role: '監査担当', organization: '委託元' },
            ],
            agreedOutcome: '3日目の対応費用は委託元の負担とすることで合意',
          },
        },
        officer,
      )
    ).recordInspectionCostDiscussion;
    expect(discussion.participants).toHaveLength(2);
    await refusedUnchanged(id, ErrorCode.NOT_FOUND, CHARGE, { input: { ...charge.input, discussionId: contractId } }, admin);
    await refusedUnchanged(id, ErrorCode.FORBIDDEN, CHARGE, charge, requester(clientId));
    await refusedUnchanged(id, ErrorCode.FORBIDDEN, CHARGE, charge, staffPrincipal(StaffRole.HANDLER));
    const cost = (await ok(CHARGE, charge, admin)).chargeInspectionCost;
    expect(cost).toEqual({
      id: expect.any(String),
      discussionId: discussion.id,
      description: charge.input.description,
      amountJpy: 165_000,
    });
    expect(await costs()).toBe(1);
    expect((await ok(ONE, { id }, requester(clientId))).inspection.costs).toEqual([
      { id: cost.id, amountJpy: 165_000, discussionId: discussion.id },
    ]);
    expect((await reportsOf(id)).at(-1)).toEqual({
      clientId,
      contractIds: [contractId],
      article: 'Art 13.5',
      kind: 'inspection.cost-charged',
      subject: { type: 'Inspection', id },
      facts: { inspectionId: id, costId: cost.id, amountJpy: 165_000, discussionId: discussion.id, discussedOn: '2026-04-01' },
      dueAt: new Date(T0.getTime() + 24 * 3600_000).toISOString(),
    });
  });

  it("answers another client's inspection and contract as missing ones, and refuses what a token's scopes or a role do not allow", async () => {
    const own = await newClientWithContract('立入 自社 株式会社');
    const other = await newClientWithContract('立入 他社 株式会社');
    const { id } = await request(other.contractId, requester(other.clientId));
    const partner = requester(own.clientId);

    expect((await ok(ONE, { id }, partner)).inspection).toBeNull();
    expect((await ok(LIST, { clientId: other.clientId }, partner)).inspections.edges).toEqual([]);
    expect((await ok(CONTRACT_INSPECTIONS, { id: other.contractId }, partner)).contract).toBeNull();
    await refusedUnchanged(
      id,
      ErrorCode.NOT_FOUND,
      NDA,
      { input: { id, documentSha256: SHA_A, signedOn: '2026-04-01', signatory: { role: '役員', organization: 'x' } } },
      partner,
    );
    await refusedUnchanged(id, ErrorCode.NOT_FOUND, ACK, { input: { id, rulesSha256: SHA_A } }, partner);
    await refusedUnchanged(id, ErrorCode.NOT_FOUND, CANCEL, { input: { id } }, partner);
    expect(errorCodes(await sut.call(REQUEST, requestInput(other.contractId), partner))).toEqual([ErrorCode.NOT_FOUND]);
    // Staff may not mix clients in one request.
    expect(
      errorCodes(
        await sut.call(
          REQUEST,
          requestInput(own.contractId, {
            contractIds: [own.contractId, other.contractId],
            noticeGivenOn: '2026-03-31',
            noticeDocumentSha256: SHA_A,
          }),
          admin,
        ),
      ),
    ).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(await sut.app.deps.dataSource.manager.countBy(InspectionEntity, { clientId: own.clientId })).toBe(0);

    // Scopes: requesting needs inspections:request; reading needs contracts:read; deciding is staff's.
    const readOnly = partnerPrincipal(own.clientId, [Scope.CONTRACTS_READ]);
    expect(errorCodes(await sut.call(REQUEST, requestInput(own.contractId), readOnly))).toEqual([ErrorCode.FORBIDDEN]);
    expect(errorCodes(await sut.call(LIST, {}, partnerPrincipal(own.clientId, [Scope.INSPECTIONS_REQUEST])))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);
    await refusedUnchanged(id, ErrorCode.FORBIDDEN, ACCEPT, { input: { id, scheduledOn: '2026-04-15' } }, requester(other.clientId));
    for (const role of [StaffRole.HANDLER, StaffRole.AUDITOR]) {
      await refusedUnchanged(
        id,
        ErrorCode.FORBIDDEN,
        DECLINE,
        { input: { id, reason: 'IMPEDES_OPERATIONS', explanation: '繁忙期' } },
        staffPrincipal(role),
      );
      expect(
        errorCodes(
          await sut.call(
            REQUEST,
            requestInput(own.contractId, { noticeGivenOn: '2026-03-31', noticeDocumentSha256: SHA_A }),
            staffPrincipal(role),
          ),
        ),
      ).toEqual([ErrorCode.FORBIDDEN]);
    }
    expect(await sut.app.deps.dataSource.manager.countBy(InspectionEntity, { clientId: own.clientId })).toBe(0);
  });
});
