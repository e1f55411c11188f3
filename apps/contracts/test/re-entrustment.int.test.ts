/**
 * Re-entrustment (Art 6, 13.6) through contracts' GraphQL and its answer handlers: the register of
 * subcontractors, proposals reported to the client with the subcontractor's name and address,
 * decisions only by the client's explicit written answer (API, paper, email link), never by
 * silence or a lapsed date; obligations and supervision; the subcontractor's reports forwarded and
 * answered with instructions. Every refusal has its code and writes nothing; another client's rows
 * answer like missing ones.
 */
import { ErrorCode, Scope, StaffRole, TestClock, newId, type Principal } from '@azukari/common';
import { OutboxEventEntity } from '@azukari/db';
import { asTestStep, errorCodes, partnerPrincipal, staffPrincipal } from '@azukari/testing';
import type { ReportAnswerContext, ReportAnswerKind, ReportAnswerer } from '../src/client-report/report-answer';
import { REPORT_ANSWERS } from '../src/report-answers';
import { reEntrustmentAnswers, subcontractorReportAnswers } from '../src/re-entrustment/re-entrustment.answers';
import { ReEntrustmentEntity } from '../src/re-entrustment/re-entrustment.entity';
import { ReEntrustmentObligationEntity } from '../src/re-entrustment/re-entrustment-obligation.entity';
import { ReEntrustmentService } from '../src/re-entrustment/re-entrustment.service';
import { SubcontractorInstructionEntity } from '../src/re-entrustment/subcontractor-instruction.entity';
import { SubcontractorReportEntity } from '../src/re-entrustment/subcontractor-report.entity';
import { SupervisionFollowUpEntity } from '../src/re-entrustment/supervision-follow-up.entity';
import { SupervisionReviewEntity } from '../src/re-entrustment/supervision-review.entity';
import { SubcontractorEntity } from '../src/subcontractor/subcontractor.entity';
import { WrittenConsentEntity } from '../src/written-consent/written-consent.entity';
import { bootContracts, type BootedContracts } from './boot';

const T0 = new Date('2026-04-01T00:00:00.000Z'); // 09:00 on 2026-04-01 in Japan
const DAY = 24 * 3600_000;
const DIGEST = 'ab'.repeat(32);

const CREATE_CLIENT = `mutation ($input: CreateClientInput!) { createClient(input: $input) { client { id } } }`;
const CREATE_CONTRACT = `mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`;
const CREATE_SUB = `mutation ($input: CreateSubcontractorInput!) { createSubcontractor(input: $input) { id name address } }`;
const UPDATE_SUB = `mutation ($id: ID!, $input: UpdateSubcontractorInput!) { updateSubcontractor(id: $id, input: $input) { id name address } }`;
const SUBS = `{ subcontractors { edges { node { id name address } } } }`;
const SUB = `query ($id: ID!) { subcontractor(id: $id) { id name } }`;
const FIELDS = `id clientId contractId subcontractorId part status dataMayFlow answerBy answerOverdue
  decision { decision via decidedBy documentSha256 signedBy comment } closingReason`;
const PROPOSE = `mutation ($input: ProposeReEntrustmentInput!) { proposeReEntrustment(input: $input) { ${FIELDS} } }`;
const DECIDE = `mutation ($input: DecideReEntrustmentInput!) { decideReEntrustment(input: $input) { ${FIELDS} } }`;
const WITHDRAW = `mutation ($input: CloseReEntrustmentInput!) { withdrawReEntrustment(input: $input) { id status closingReason } }`;
const END = `mutation ($input: CloseReEntrustmentInput!) { endReEntrustment(input: $input) { id status dataMayFlow } }`;
const ONE = `query ($id: ID!) { reEntrustment(id: $id) { ${FIELDS} subcontractor { name address }
  obligations { article obligation } reviews { reviewedOn reviewer findings followUps { id action dueOn overdue closedAt closingNote } }
  complianceReports { id summary documentSha256 instructions { instructions givenVia givenBy } } } }`;
const LIST = `query ($contractId: ID, $status: ReEntrustmentStatus) { reEntrustments(contractId: $contractId, status: $status) { edges { node { id status } } } }`;
const OVERDUE = `query ($contractId: ID, $overdue: Boolean) { reEntrustments(contractId: $contractId, answerOverdue: $overdue) { edges { node { id status } } } }`;
const CONTRACT = `query ($id: ID!) { contract(id: $id) { id reEntrustments { id status subcontractor { name } } } }`;
const OBLIGATION = `mutation ($input: AddFlowDownObligationInput!) { addFlowDownObligation(input: $input) { id article obligation } }`;
const REVIEW = `mutation ($input: RecordSupervisionReviewInput!) { recordSupervisionReview(input: $input) { id reviewedOn followUps { id dueOn overdue } } }`;
const CLOSE_FOLLOW_UP = `mutation ($input: CloseFollowUpInput!) { closeSupervisionFollowUp(input: $input) { id closedAt closingNote overdue } }`;
const SUB_REPORT = `mutation ($input: RecordSubcontractorReportInput!) { recordSubcontractorReport(input: $input) { id reEntrustmentId contractId receivedOn } }`;
const INSTRUCT = `mutation ($input: InstructSubcontractorInput!) { instructSubcontractor(input: $input) { id reportId instructions givenVia givenBy } }`;

interface Requested {
  clientId: string;
  contractIds: string[];
  article: string;
  kind: string;
  subject: { type: string; id: string };
  facts: Record<string, unknown>;
  dueAt: string;
}

describe('contracts: re-entrustment', () => {
  let sut: BootedContracts;
  const clock = new TestClock(T0);
  const admin = staffPrincipal(StaffRole.ADMIN);
  const officer = staffPrincipal(StaffRole.PRIVACY_OFFICER);
  const handler = staffPrincipal(StaffRole.HANDLER);

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
  const manager = () => sut.app.deps.dataSource.manager;
  const newClient = async (name: string): Promise<string> =>
    (await ok(CREATE_CLIENT, { input: { name, address: '東京都千代田区', reportEmail: `reports@${newId().slice(-8)}.example.jp` } }, admin))
      .createClient.client.id;
  const newContract = async (clientId: string): Promise<string> =>
    (
      await ok(
        CREATE_CONTRACT,
        { input: { clientId, title: '給与計算', purposes: ['給与計算'], executedOn: '2026-01-05', startsOn: '2026-01-05' } },
        admin,
      )
    ).createContract.id;
  const newSubcontractor = async (name = '株式会社データ処理', address = '大阪府大阪市北区梅田1-1-1'): Promise<string> =>
    (await ok(CREATE_SUB, { input: { name, address } }, admin)).createSubcontractor.id;
  const propose = async (contractId: string, subcontractorId: string, extra: Record<string, unknown> = {}) =>
    (await ok(PROPOSE, { input: { contractId, subcontractorId, part: '給与明細の印刷と封入', ...extra } }, officer)).proposeReEntrustment;
  const consentAsPartner = async (clientId: string, id: string) =>
    (
      await ok(
        DECIDE,
        { input: { reEntrustmentId: id, decision: 'CONSENT', documentSha256: DIGEST, signedBy: '総務部長 山田太郎' } },
        partnerPrincipal(clientId, [Scope.CONSENTS_WRITE]),
      )
    ).decideReEntrustment;
  const requested = async (kind: string): Promise<Requested[]> =>
    (await manager().findBy(OutboxEventEntity, { type: 'client-report.requested' }))
      .map((e) => JSON.parse(e.payload) as Requested)
      .filter((p) => p.kind === kind);
  /** What a refusal must leave as it was: every row of the feature and every report asked for. */
  const footprint = async () => ({
    subcontractors: await manager().count(SubcontractorEntity),
    reEntrustments: await manager().find(ReEntrustmentEntity, { order: { id: 'ASC' } }),
    obligations: await manager().count(ReEntrustmentObligationEntity),
    reviews: await manager().count(SupervisionReviewEntity),
    followUps: await manager().find(SupervisionFollowUpEntity, { order: { id: 'ASC' } }),
    reports: await manager().count(SubcontractorReportEntity),
    instructions: await manager().count(SubcontractorInstructionEntity),
    reportsAsked: await manager().countBy(OutboxEventEntity, { type: 'client-report.requested' }),
  });
  const answerContext = (
    report: { clientId: string; kind: string; subject: { type: string; id: string }; contractIds?: string[] },
    answerer: ReportAnswerer,
    comment: string | null,
    m = manager(),
  ): ReportAnswerContext => ({
    manager: m,
    report: { id: newId(), article: 'Art 6.1', contractIds: report.contractIds ?? [], ...report },
    answerer,
    comment,
    at: clock.now(),
  });
  const answer = async (
    answers: typeof reEntrustmentAnswers,
    kind: ReportAnswerKind,
    report: Parameters<typeof answerContext>[0],
    answerer: ReportAnswerer,
    comment: string | null,
  ) =>
    // The answer's own access context is its caller's (the report-answer seam); here, a test step's.
    await asTestStep(
      'report-answer',
      async () =>
        await sut.app.deps.dataSource.transaction(
          async (m) => await answers.handle(sut.app.deps, kind, answerContext(report, answerer, comment, m)),
        ),
    );

  describe('subcontractors', () => {
    it('are kept by an administrator or the privacy officer, and shown to a partner only once proposed for its own contracts', async () => {
      const own = await newClient('委託元株式会社');
      const other = await newClient('他社株式会社');
      const subId = await newSubcontractor('株式会社𠮷野印刷', '大阪府大阪市');
      expect((await ok(UPDATE_SUB, { id: subId, input: { address: '大阪府大阪市北区梅田2-2-2' } }, officer)).updateSubcontractor).toEqual({
        id: subId,
        name: '株式会社𠮷野印刷',
        address: '大阪府大阪市北区梅田2-2-2',
      });
      const ownPartner = partnerPrincipal(own, [Scope.CONTRACTS_READ]);
      const otherPartner = partnerPrincipal(other, [Scope.CONTRACTS_READ]);
      expect((await ok(SUB, { id: subId }, ownPartner)).subcontractor).toBeNull();

      await propose(await newContract(own), subId);
      expect((await ok(SUB, { id: subId }, ownPartner)).subcontractor).toEqual({ id: subId, name: '株式会社𠮷野印刷' });
      expect((await ok(SUBS, {}, ownPartner)).subcontractors.edges).toEqual([
        { node: { id: subId, name: '株式会社𠮷野印刷', address: '大阪府大阪市北区梅田2-2-2' } },
      ]);
      // Another client learns nothing of it.
      expect((await ok(SUB, { id: subId }, otherPartner)).subcontractor).toBeNull();
      expect((await ok(SUBS, {}, otherPartner)).subcontractors.edges).toEqual([]);
      expect((await ok(SUBS, {}, staffPrincipal(StaffRole.AUDITOR))).subcontractors.edges.map((e: any) => e.node.id)).toContain(subId);
    });

    it('refuses a handler, an auditor, a partner and a blank name, and an unknown one, writing nothing', async () => {
      const subId = await newSubcontractor();
      const before = await footprint();
      const partner = partnerPrincipal(await newClient('Partner KK'), [Scope.CONTRACTS_READ, Scope.CONSENTS_WRITE]);
      for (const who of [handler, staffPrincipal(StaffRole.AUDITOR), partner]) {
        expect(errorCodes(await sut.call(CREATE_SUB, { input: { name: 'X', address: 'Y' } }, who))).toEqual([ErrorCode.FORBIDDEN]);
        expect(errorCodes(await sut.call(UPDATE_SUB, { id: subId, input: { name: 'X' } }, who))).toEqual([ErrorCode.FORBIDDEN]);
      }
      expect(errorCodes(await sut.call(CREATE_SUB, { input: { name: '   ', address: 'Y' } }, admin))).toEqual([ErrorCode.BAD_USER_INPUT]);
      expect(errorCodes(await sut.call(UPDATE_SUB, { id: newId(), input: { name: 'X' } }, admin))).toEqual([ErrorCode.NOT_FOUND]);
      expect(await footprint()).toEqual(before);
    });
  });

  describe('proposals and decisions (Art 6.1)', () => {
    it('reports a proposal to the client in writing, with the name, address and part, in its transaction', async () => {
      const clientId = await newClient('通知先株式会社');
      const contractId = await newContract(clientId);
      const subId = await newSubcontractor('株式会社封入センター', '福岡県福岡市博多区1-2-3');
      const proposal = await propose(contractId, subId, { answerBy: '2026-04-10' });
      expect(proposal).toMatchObject({
        clientId,
        contractId,
        subcontractorId: subId,
        part: '給与明細の印刷と封入',
        status: 'PROPOSED',
        dataMayFlow: false,
        answerBy: '2026-04-10',
        answerOverdue: false,
        decision: null,
      });
      const [notice] = (await requested('re-entrustment.proposed')).filter((r) => r.subject.id === proposal.id);
      expect(notice).toEqual({
        clientId,
        contractIds: [contractId],
        article: 'Art 6.1',
        kind: 're-entrustment.proposed',
        subject: { type: 'ReEntrustment', id: proposal.id },
        facts: {
          reEntrustmentId: proposal.id,
          contractId,
          subcontractorId: subId,
          subcontractorName: '株式会社封入センター',
          subcontractorAddress: '福岡県福岡市博多区1-2-3',
          part: '給与明細の印刷と封入',
          answerBy: '2026-04-10',
        },
        dueAt: new Date(T0.getTime() + DAY).toISOString(),
      });
      expect((await ok(CONTRACT, { id: contractId }, partnerPrincipal(clientId, [Scope.CONTRACTS_READ]))).contract).toEqual({
        id: contractId,
        reEntrustments: [{ id: proposal.id, status: 'PROPOSED', subcontractor: { name: '株式会社封入センター' } }],
      });
    });

    it('never takes silence or a lapsed answer date for consent: nothing may flow until the client consents in writing', async () => {
      const clientId = await newClient('沈黙株式会社');
      const contractId = await newContract(clientId);
      const subId = await newSubcontractor();
      const proposal = await propose(contractId, subId, { answerBy: '2026-04-02' });
      const mayFlow = async () =>
        await new ReEntrustmentService(sut.app.deps, { kind: 'client', clientId }).assertMayFlow(manager(), contractId, subId);
      await expect(mayFlow()).rejects.toMatchObject({ code: ErrorCode.CONSENT_REQUIRED });

      clock.advance(3 * DAY); // 2026-04-04 in Japan: the answer date has passed with no answer.
      const lapsed = (await ok(ONE, { id: proposal.id }, admin)).reEntrustment;
      expect(lapsed).toMatchObject({ status: 'PROPOSED', answerOverdue: true, dataMayFlow: false, decision: null });
      expect((await ok(OVERDUE, { contractId, overdue: true }, admin)).reEntrustments.edges).toEqual([
        { node: { id: proposal.id, status: 'PROPOSED' } },
      ]);
      expect((await ok(OVERDUE, { contractId, overdue: false }, admin)).reEntrustments.edges).toEqual([]);
      await expect(mayFlow()).rejects.toMatchObject({ code: ErrorCode.CONSENT_REQUIRED });

      const consented = await consentAsPartner(clientId, proposal.id);
      expect(consented).toMatchObject({
        status: 'CONSENTED',
        dataMayFlow: true,
        answerOverdue: false,
        decision: { decision: 'CONSENT', via: 'API', documentSha256: DIGEST, signedBy: '総務部長 山田太郎', comment: null },
      });
      await expect(mayFlow()).resolves.toBeUndefined();
      expect((await ok(OVERDUE, { contractId, overdue: true }, admin)).reEntrustments.edges).toEqual([]);
      // The consent is to this subcontractor for this contract only.
      await expect(
        new ReEntrustmentService(sut.app.deps, { kind: 'client', clientId }).assertMayFlow(manager(), contractId, await newSubcontractor()),
      ).rejects.toMatchObject({ code: ErrorCode.CONSENT_REQUIRED });
    });

    it("records the client's consent as its written consent, which the decision reads and whose revocation ends the re-entrustment", async () => {
      const clientId = await newClient('同意記録株式会社');
      const contractId = await newContract(clientId);
      const subId = await newSubcontractor();
      const proposal = await propose(contractId, subId);
      const decide = async () =>
        (
          await ok(
            `query ($contractId: ID!, $subcontractorId: ID) { contractDecision(contractId: $contractId, action: TRANSFER_TO_SUBCONTRACTOR,
               purpose: "給与計算", subcontractorId: $subcontractorId) { allowed refusal grounds { kind consentId } } }`,
            { contractId, subcontractorId: subId },
            admin,
          )
        ).contractDecision;
      expect(await decide()).toMatchObject({ allowed: false, refusal: 'CONSENT_REQUIRED' });

      await consentAsPartner(clientId, proposal.id);
      const consents = (
        await ok(
          `query ($id: ID!) { contract(id: $id) { writtenConsents { id kind state subcontractorId source documentSha256 grantedByName recordedByTokenId } } }`,
          { id: contractId },
          admin,
        )
      ).contract.writtenConsents;
      expect(consents).toEqual([
        {
          id: expect.any(String),
          kind: 'RE_ENTRUSTMENT',
          state: 'CURRENT',
          subcontractorId: subId,
          source: 'API',
          documentSha256: DIGEST,
          grantedByName: '総務部長 山田太郎',
          recordedByTokenId: expect.any(String),
        },
      ]);
      expect(await decide()).toEqual({
        allowed: true,
        refusal: null,
        grounds: expect.arrayContaining([{ kind: 'WRITTEN_CONSENT', consentId: consents[0].id }]),
      });

      await ok(
        `mutation ($input: RevokeWrittenConsentInput!) { revokeWrittenConsent(input: $input) { id } }`,
        {
          input: { id: consents[0].id, reason: '委託先の見直し' },
        },
        partnerPrincipal(clientId, [Scope.CONSENTS_WRITE]),
      );
      expect((await ok(ONE, { id: proposal.id }, admin)).reEntrustment).toMatchObject({
        status: 'ENDED',
        dataMayFlow: false,
        closingReason: expect.stringContaining('委託先の見直し'),
      });
      expect(await decide()).toMatchObject({ allowed: false, refusal: 'CONSENT_REVOKED' });
      await expect(
        new ReEntrustmentService(sut.app.deps, { kind: 'client', clientId }).assertMayFlow(manager(), contractId, subId),
      ).rejects.toMatchObject({ code: ErrorCode.CONSENT_REQUIRED });
    });

    it('is decided by a written consent to the subcontractor given directly, and answers no more after it', async () => {
      const clientId = await newClient('直接同意株式会社');
      const contractId = await newContract(clientId);
      const subId = await newSubcontractor();
      const proposal = await propose(contractId, subId);
      const granted = (
        await ok(
          `mutation ($input: GrantWrittenConsentInput!) { grantWrittenConsent(input: $input) { id } }`,
          {
            input: {
              contractId,
              kind: 'RE_ENTRUSTMENT',
              subcontractorId: subId,
              documentSha256: DIGEST,
              grantedByName: '山田太郎',
              grantedByTitle: '総務部長',
            },
          },
          partnerPrincipal(clientId, [Scope.CONSENTS_WRITE]),
        )
      ).grantWrittenConsent;
      expect((await ok(ONE, { id: proposal.id }, admin)).reEntrustment).toMatchObject({
        status: 'CONSENTED',
        dataMayFlow: true,
        decision: { decision: 'CONSENT', via: 'API', documentSha256: DIGEST, signedBy: '山田太郎 (総務部長)' },
      });
      expect(granted.id).toEqual(expect.any(String));
      const before = await footprint();
      const res = await sut.call(
        DECIDE,
        { input: { reEntrustmentId: proposal.id, decision: 'REFUSE' } },
        partnerPrincipal(clientId, [Scope.CONSENTS_WRITE]),
      );
      expect(errorCodes(res)).toEqual([ErrorCode.CONFLICT]);
      expect(await footprint()).toEqual(before);
    });

    it('lets the client decide once, by its partner token or on paper entered by staff, and refuses the rest writing nothing', async () => {
      const clientId = await newClient('決定株式会社');
      const stranger = await newClient('部外者株式会社');
      const contractId = await newContract(clientId);
      const subId = await newSubcontractor();
      const first = await propose(contractId, subId);
      const second = await propose(contractId, subId, { part: 'データ入力' });
      const partner = partnerPrincipal(clientId, [Scope.CONSENTS_WRITE, Scope.CONTRACTS_READ]);
      const consent = { reEntrustmentId: first.id, decision: 'CONSENT', documentSha256: DIGEST, signedBy: '代表取締役' };

      const before = await footprint();
      // No written document, no consent.
      for (const input of [
        { ...consent, documentSha256: null },
        { ...consent, signedBy: '  ' },
        { ...consent, documentSha256: 'not-a-digest' },
      ]) {
        expect(errorCodes(await sut.call(DECIDE, { input }, partner))).toEqual([ErrorCode.BAD_USER_INPUT]);
      }
      // Another client's partner, and a token without consents:write.
      expect(errorCodes(await sut.call(DECIDE, { input: consent }, partnerPrincipal(stranger, [Scope.CONSENTS_WRITE])))).toEqual([
        ErrorCode.NOT_FOUND,
      ]);
      expect(errorCodes(await sut.call(DECIDE, { input: consent }, partnerPrincipal(clientId, [Scope.CONTRACTS_READ])))).toEqual([
        ErrorCode.FORBIDDEN,
      ]);
      expect(errorCodes(await sut.call(DECIDE, { input: consent }, handler))).toEqual([ErrorCode.FORBIDDEN]);
      expect(errorCodes(await sut.call(DECIDE, { input: { ...consent, reEntrustmentId: newId() } }, partner))).toEqual([
        ErrorCode.NOT_FOUND,
      ]);
      expect(await footprint()).toEqual(before);
      // Another client's proposal reads as a missing one.
      expect((await ok(ONE, { id: first.id }, partnerPrincipal(stranger, [Scope.CONTRACTS_READ]))).reEntrustment).toBeNull();
      expect((await ok(LIST, { contractId }, partnerPrincipal(stranger, [Scope.CONTRACTS_READ]))).reEntrustments.edges).toEqual([]);

      const decided = (await ok(DECIDE, { input: { ...consent, documentSha256: DIGEST.toUpperCase() } }, partner)).decideReEntrustment;
      expect(decided.decision).toEqual({
        decision: 'CONSENT',
        via: 'API',
        decidedBy: partner.tokenId,
        documentSha256: DIGEST,
        signedBy: '代表取締役',
        comment: null,
      });
      // Once: a decided proposal is not decided again.
      const afterConsent = await footprint();
      expect(errorCodes(await sut.call(DECIDE, { input: { ...consent, decision: 'REFUSE' } }, partner))).toEqual([ErrorCode.CONFLICT]);
      expect(await footprint()).toEqual(afterConsent);

      // A refusal the client sent on paper, entered by the privacy officer.
      const refused = (await ok(DECIDE, { input: { reEntrustmentId: second.id, decision: 'REFUSE', comment: '書面にて不同意' } }, officer))
        .decideReEntrustment;
      expect(refused).toMatchObject({
        status: 'REFUSED',
        dataMayFlow: false,
        decision: { decision: 'REFUSE', via: 'PAPER', decidedBy: officer.employeeId, documentSha256: null, comment: '書面にて不同意' },
      });
      expect((await ok(LIST, { contractId, status: 'CONSENTED' }, partner)).reEntrustments.edges).toEqual([
        { node: { id: first.id, status: 'CONSENTED' } },
      ]);
    });

    it('refuses a proposal by a handler or a partner, for an unknown or ended contract or subcontractor, or a past answer date, writing nothing', async () => {
      const clientId = await newClient('提案拒否株式会社');
      const contractId = await newContract(clientId);
      const subId = await newSubcontractor();
      const input = { contractId, subcontractorId: subId, part: '発送' };
      const before = await footprint();
      expect(errorCodes(await sut.call(PROPOSE, { input }, handler))).toEqual([ErrorCode.FORBIDDEN]);
      expect(
        errorCodes(await sut.call(PROPOSE, { input }, partnerPrincipal(clientId, [Scope.CONSENTS_WRITE, Scope.CONTRACTS_READ]))),
      ).toEqual([ErrorCode.FORBIDDEN]);
      expect(errorCodes(await sut.call(PROPOSE, { input: { ...input, contractId: newId() } }, admin))).toEqual([ErrorCode.NOT_FOUND]);
      expect(errorCodes(await sut.call(PROPOSE, { input: { ...input, subcontractorId: newId() } }, admin))).toEqual([ErrorCode.NOT_FOUND]);
      expect(errorCodes(await sut.call(PROPOSE, { input: { ...input, answerBy: '2026-03-31' } }, admin))).toEqual([
        ErrorCode.BAD_USER_INPUT,
      ]);
      expect(errorCodes(await sut.call(PROPOSE, { input: { ...input, part: ' ' } }, admin))).toEqual([ErrorCode.BAD_USER_INPUT]);
      await sut.app.deps.dataSource.query(`UPDATE contract SET status = 'ENDED' WHERE id = ?`, [contractId]);
      expect(errorCodes(await sut.call(PROPOSE, { input }, admin))).toEqual([ErrorCode.CONFLICT]);
      expect(await footprint()).toEqual(before);
    });

    it('withdraws an undecided proposal and ends a consented re-entrustment, each once', async () => {
      const clientId = await newClient('終了株式会社');
      const contractId = await newContract(clientId);
      const subId = await newSubcontractor();
      const proposal = await propose(contractId, subId);
      const kept = await propose(contractId, subId, { part: '保管' });
      expect(errorCodes(await sut.call(END, { input: { id: proposal.id } }, admin))).toEqual([ErrorCode.CONFLICT]);
      expect((await ok(WITHDRAW, { input: { id: proposal.id, reason: '計画変更' } }, admin)).withdrawReEntrustment).toEqual({
        id: proposal.id,
        status: 'WITHDRAWN',
        closingReason: '計画変更',
      });
      const before = await footprint();
      expect(errorCodes(await sut.call(WITHDRAW, { input: { id: proposal.id } }, admin))).toEqual([ErrorCode.CONFLICT]);
      // A withdrawn proposal can no longer be consented to.
      expect(
        errorCodes(
          await sut.call(
            DECIDE,
            { input: { reEntrustmentId: proposal.id, decision: 'CONSENT', documentSha256: DIGEST, signedBy: '部長' } },
            partnerPrincipal(clientId, [Scope.CONSENTS_WRITE]),
          ),
        ),
      ).toEqual([ErrorCode.CONFLICT]);
      expect(errorCodes(await sut.call(WITHDRAW, { input: { id: kept.id } }, handler))).toEqual([ErrorCode.FORBIDDEN]);
      expect(await footprint()).toEqual(before);

      await consentAsPartner(clientId, kept.id);
      expect((await ok(END, { input: { id: kept.id } }, officer)).endReEntrustment).toEqual({
        id: kept.id,
        status: 'ENDED',
        dataMayFlow: false,
      });
      await expect(
        new ReEntrustmentService(sut.app.deps, { kind: 'client', clientId }).assertMayFlow(manager(), contractId, subId),
      ).rejects.toMatchObject({ code: ErrorCode.CONSENT_REQUIRED });
    });
  });

  describe("answers by the report email's link", () => {
    it('are registered for both kinds of report', () => {
      expect(REPORT_ANSWERS.map((h) => [h.reportKind, h.answers])).toEqual(
        expect.arrayContaining([
          ['re-entrustment.proposed', ['CONSENT', 'REFUSE']],
          ['subcontractor.compliance-reported', ['INSTRUCT']],
        ]),
      );
    });

    it('record a consent or a refusal exactly as one through the API, with the answer as the written record', async () => {
      const clientId = await newClient('メール回答株式会社');
      const contractId = await newContract(clientId);
      const subId = await newSubcontractor();
      const toConsent = await propose(contractId, subId);
      const toRefuse = await propose(contractId, subId, { part: '廃棄' });
      const byLink: ReportAnswerer = { via: 'EMAIL_LINK', address: 'privacy@client.example.jp' };
      const report = (id: string, forClient = clientId) => ({
        clientId: forClient,
        kind: 're-entrustment.proposed',
        subject: { type: 'ReEntrustment', id },
      });

      // Another client's report cannot reach this client's proposal; nothing is written.
      const before = await footprint();
      await expect(
        answer(reEntrustmentAnswers, 'CONSENT', report(toConsent.id, await newClient('他人株式会社')), byLink, null),
      ).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
      await expect(
        answer(reEntrustmentAnswers, 'CONSENT', { ...report(toConsent.id), subject: { type: 'Incident', id: toConsent.id } }, byLink, null),
      ).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
      expect(await footprint()).toEqual(before);

      await answer(reEntrustmentAnswers, 'CONSENT', report(toConsent.id), byLink, '承諾します');
      const consented = (await ok(ONE, { id: toConsent.id }, admin)).reEntrustment;
      expect(consented).toMatchObject({
        status: 'CONSENTED',
        dataMayFlow: true,
        decision: { decision: 'CONSENT', via: 'EMAIL_LINK', decidedBy: 'privacy@client.example.jp', signedBy: 'privacy@client.example.jp' },
      });
      expect(consented.decision.documentSha256).toMatch(/^[0-9a-f]{64}$/);
      // The answer by link is the client's written consent, recorded as every consent is.
      expect(await manager().findBy(WrittenConsentEntity, { contractId })).toEqual([
        expect.objectContaining({
          kind: 'RE_ENTRUSTMENT',
          subcontractorId: subId,
          source: 'EMAIL_LINK',
          recordedByTokenId: null,
          recordedByAddress: 'privacy@client.example.jp',
          documentSha256: consented.decision.documentSha256,
        }),
      ]);
      // Answered twice by the link: the second is refused and changes nothing.
      const afterConsent = await footprint();
      await expect(answer(reEntrustmentAnswers, 'REFUSE', report(toConsent.id), byLink, null)).rejects.toMatchObject({
        code: ErrorCode.CONFLICT,
      });
      expect(await footprint()).toEqual(afterConsent);

      await answer(reEntrustmentAnswers, 'REFUSE', report(toRefuse.id), byLink, null);
      expect((await ok(ONE, { id: toRefuse.id }, admin)).reEntrustment).toMatchObject({
        status: 'REFUSED',
        decision: { decision: 'REFUSE', via: 'EMAIL_LINK' },
      });
    });
  });

  describe('obligations and supervision (Art 6.2)', () => {
    it('records obligations with their articles, reviews with findings and follow-ups, and closes follow-ups once', async () => {
      const clientId = await newClient('監督株式会社');
      const contractId = await newContract(clientId);
      const proposal = await propose(contractId, await newSubcontractor());
      await consentAsPartner(clientId, proposal.id);
      await ok(OBLIGATION, { input: { reEntrustmentId: proposal.id, article: 'Art 5.1', obligation: '安全管理措置を講じること' } }, admin);
      await ok(OBLIGATION, { input: { reEntrustmentId: proposal.id, article: 'Art 2.1', obligation: '目的外利用の禁止' } }, officer);
      const review = (
        await ok(
          REVIEW,
          {
            input: {
              reEntrustmentId: proposal.id,
              reviewedOn: '2026-04-01',
              reviewer: '監査室 佐藤',
              findings: '入退室記録に一部欠落',
              followUps: [{ action: '入退室記録の補完', dueOn: '2026-04-15' }],
            },
          },
          officer,
        )
      ).recordSupervisionReview;
      expect(review.followUps).toEqual([{ id: expect.any(String), dueOn: '2026-04-15', overdue: false }]);
      clock.advance(20 * DAY);
      const partner = partnerPrincipal(clientId, [Scope.CONTRACTS_READ]);
      const seen = (await ok(ONE, { id: proposal.id }, partner)).reEntrustment;
      expect(seen.obligations).toEqual([
        { article: 'Art 5.1', obligation: '安全管理措置を講じること' },
        { article: 'Art 2.1', obligation: '目的外利用の禁止' },
      ]);
      expect(seen.reviews).toEqual([
        {
          reviewedOn: '2026-04-01',
          reviewer: '監査室 佐藤',
          findings: '入退室記録に一部欠落',
          followUps: [
            {
              id: review.followUps[0].id,
              action: '入退室記録の補完',
              dueOn: '2026-04-15',
              overdue: true,
              closedAt: null,
              closingNote: null,
            },
          ],
        },
      ]);
      const closed = (await ok(CLOSE_FOLLOW_UP, { input: { id: review.followUps[0].id, note: '補完済み' } }, admin))
        .closeSupervisionFollowUp;
      expect(closed).toEqual({ id: review.followUps[0].id, closedAt: clock.now().toISOString(), closingNote: '補完済み', overdue: false });
      const before = await footprint();
      expect(errorCodes(await sut.call(CLOSE_FOLLOW_UP, { input: { id: review.followUps[0].id, note: '再' } }, admin))).toEqual([
        ErrorCode.CONFLICT,
      ]);
      expect(await footprint()).toEqual(before);
    });

    it('refuses unknown articles, future reviews, bad dates, withdrawn proposals, handlers and partners, writing nothing', async () => {
      const clientId = await newClient('監督拒否株式会社');
      const contractId = await newContract(clientId);
      const subId = await newSubcontractor();
      const live = await propose(contractId, subId);
      const withdrawn = await propose(contractId, subId, { part: '別件' });
      await ok(WITHDRAW, { input: { id: withdrawn.id } }, admin);
      const obligation = { reEntrustmentId: live.id, article: 'Art 5.1', obligation: '安全管理' };
      const review = { reEntrustmentId: live.id, reviewedOn: '2026-04-01', reviewer: '佐藤', findings: '問題なし' };
      const before = await footprint();
      expect(errorCodes(await sut.call(OBLIGATION, { input: { ...obligation, article: 'Art 99' } }, admin))).toEqual([
        ErrorCode.BAD_USER_INPUT,
      ]);
      expect(errorCodes(await sut.call(OBLIGATION, { input: { ...obligation, reEntrustmentId: withdrawn.id } }, admin))).toEqual([
        ErrorCode.CONFLICT,
      ]);
      expect(errorCodes(await sut.call(OBLIGATION, { input: { ...obligation, reEntrustmentId: newId() } }, admin))).toEqual([
        ErrorCode.NOT_FOUND,
      ]);
      expect(errorCodes(await sut.call(OBLIGATION, { input: obligation }, handler))).toEqual([ErrorCode.FORBIDDEN]);
      expect(errorCodes(await sut.call(REVIEW, { input: { ...review, reviewedOn: '2026-04-02' } }, admin))).toEqual([
        ErrorCode.BAD_USER_INPUT,
      ]);
      expect(
        errorCodes(await sut.call(REVIEW, { input: { ...review, followUps: [{ action: '是正', dueOn: '2026-02-30' }] } }, admin)),
      ).toEqual([ErrorCode.BAD_USER_INPUT]);
      expect(
        errorCodes(await sut.call(REVIEW, { input: { ...review, followUps: [{ action: ' ', dueOn: '2026-05-01' }] } }, admin)),
      ).toEqual([ErrorCode.BAD_USER_INPUT]);
      expect(errorCodes(await sut.call(REVIEW, { input: review }, partnerPrincipal(clientId, [Scope.CONTRACTS_READ])))).toEqual([
        ErrorCode.FORBIDDEN,
      ]);
      expect(await footprint()).toEqual(before);
    });
  });

  describe("the subcontractor's own reports (Art 13.6)", () => {
    it('are recorded on each consented re-entrustment and forwarded to each client, who may instruct the subcontractor', async () => {
      const subId = await newSubcontractor('株式会社再委託先', '名古屋市中区1-1');
      const a = await newClient('A株式会社');
      const b = await newClient('B株式会社');
      const contractA = await newContract(a);
      const contractB = await newContract(b);
      const toA = await propose(contractA, subId);
      const toB = await propose(contractB, subId);
      const undecided = await propose(await newContract(a), subId, { part: '未決' });
      await consentAsPartner(a, toA.id);

      // Only b has not consented yet: its proposal, and a's undecided one, hear nothing.
      const reports = (
        await ok(
          SUB_REPORT,
          { input: { subcontractorId: subId, receivedOn: '2026-04-01', summary: '年次自己点検: 不備なし', documentSha256: DIGEST } },
          officer,
        )
      ).recordSubcontractorReport;
      expect(reports).toEqual([{ id: expect.any(String), reEntrustmentId: toA.id, contractId: contractA, receivedOn: '2026-04-01' }]);
      const [forwarded] = (await requested('subcontractor.compliance-reported')).filter((r) => r.subject.id === reports[0].id);
      expect(forwarded).toEqual({
        clientId: a,
        contractIds: [contractA],
        article: 'Art 13.6',
        kind: 'subcontractor.compliance-reported',
        subject: { type: 'SubcontractorComplianceReport', id: reports[0].id },
        facts: {
          subcontractorReportId: reports[0].id,
          reEntrustmentId: toA.id,
          contractId: contractA,
          subcontractorId: subId,
          subcontractorName: '株式会社再委託先',
          receivedOn: '2026-04-01',
          summary: '年次自己点検: 不備なし',
          documentSha256: DIGEST,
        },
        dueAt: new Date(T0.getTime() + DAY).toISOString(),
      });
      expect(undecided.status).toBe('PROPOSED');

      await consentAsPartner(b, toB.id);
      const both = (
        await ok(
          SUB_REPORT,
          { input: { subcontractorId: subId, receivedOn: '2026-04-01', summary: '追加報告', documentSha256: DIGEST } },
          officer,
        )
      ).recordSubcontractorReport;
      expect(both.map((r: { reEntrustmentId: string }) => r.reEntrustmentId).sort()).toEqual([toA.id, toB.id].sort());
      const forB = both.find((r: { reEntrustmentId: string }) => r.reEntrustmentId === toB.id)!;
      const forA = both.find((r: { reEntrustmentId: string }) => r.reEntrustmentId === toA.id)!;
      expect((await requested('subcontractor.compliance-reported')).find((r) => r.subject.id === forB.id)?.clientId).toBe(b);

      const partnerA = partnerPrincipal(a, [Scope.REPORTS_ACK, Scope.CONTRACTS_READ]);
      const given = (await ok(INSTRUCT, { input: { reportId: forA.id, instructions: '点検結果の詳細を提出させること' } }, partnerA))
        .instructSubcontractor;
      expect(given).toEqual({
        id: expect.any(String),
        reportId: forA.id,
        instructions: '点検結果の詳細を提出させること',
        givenVia: 'API',
        givenBy: partnerA.tokenId,
      });
      // And by the email's link, through the handler.
      await answer(
        subcontractorReportAnswers,
        'INSTRUCT',
        { clientId: b, kind: 'subcontractor.compliance-reported', subject: { type: 'SubcontractorComplianceReport', id: forB.id } },
        { via: 'EMAIL_LINK', address: 'dpo@b.example.jp' },
        '再発防止策を求める',
      );
      const seenByB = (await ok(ONE, { id: toB.id }, partnerPrincipal(b, [Scope.CONTRACTS_READ]))).reEntrustment;
      expect(seenByB.complianceReports).toEqual([
        {
          id: forB.id,
          summary: '追加報告',
          documentSha256: DIGEST,
          instructions: [{ instructions: '再発防止策を求める', givenVia: 'EMAIL_LINK', givenBy: 'dpo@b.example.jp' }],
        },
      ]);

      // Refusals: another client's report, a token without reports:ack, blank instructions, an answer without them.
      const before = await footprint();
      expect(errorCodes(await sut.call(INSTRUCT, { input: { reportId: forB.id, instructions: '指示' } }, partnerA))).toEqual([
        ErrorCode.NOT_FOUND,
      ]);
      expect(
        errorCodes(
          await sut.call(INSTRUCT, { input: { reportId: forA.id, instructions: '指示' } }, partnerPrincipal(a, [Scope.CONTRACTS_READ])),
        ),
      ).toEqual([ErrorCode.FORBIDDEN]);
      expect(errorCodes(await sut.call(INSTRUCT, { input: { reportId: forA.id, instructions: '指示' } }, admin))).toEqual([
        ErrorCode.FORBIDDEN,
      ]);
      expect(errorCodes(await sut.call(INSTRUCT, { input: { reportId: forA.id, instructions: '  ' } }, partnerA))).toEqual([
        ErrorCode.BAD_USER_INPUT,
      ]);
      await expect(
        answer(
          subcontractorReportAnswers,
          'INSTRUCT',
          { clientId: b, kind: 'subcontractor.compliance-reported', subject: { type: 'SubcontractorComplianceReport', id: forB.id } },
          { via: 'EMAIL_LINK', address: 'dpo@b.example.jp' },
          null,
        ),
      ).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
      await expect(
        answer(
          subcontractorReportAnswers,
          'INSTRUCT',
          { clientId: b, kind: 'subcontractor.compliance-reported', subject: { type: 'SubcontractorComplianceReport', id: forA.id } },
          { via: 'EMAIL_LINK', address: 'dpo@b.example.jp' },
          '他社の報告への指示',
        ),
      ).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
      expect(await footprint()).toEqual(before);
    });

    it('is refused when no client has consented to the subcontractor, for bad digests and future dates, and for a handler, writing nothing', async () => {
      const subId = await newSubcontractor();
      const clientId = await newClient('未承諾株式会社');
      await propose(await newContract(clientId), subId);
      const input = { subcontractorId: subId, receivedOn: '2026-04-01', summary: '報告', documentSha256: DIGEST };
      const before = await footprint();
      expect(errorCodes(await sut.call(SUB_REPORT, { input }, admin))).toEqual([ErrorCode.CONFLICT]);
      expect(errorCodes(await sut.call(SUB_REPORT, { input: { ...input, subcontractorId: newId() } }, admin))).toEqual([
        ErrorCode.NOT_FOUND,
      ]);
      expect(errorCodes(await sut.call(SUB_REPORT, { input: { ...input, documentSha256: 'xyz' } }, admin))).toEqual([
        ErrorCode.BAD_USER_INPUT,
      ]);
      expect(errorCodes(await sut.call(SUB_REPORT, { input: { ...input, receivedOn: '2026-04-02' } }, admin))).toEqual([
        ErrorCode.BAD_USER_INPUT,
      ]);
      expect(errorCodes(await sut.call(SUB_REPORT, { input }, handler))).toEqual([ErrorCode.FORBIDDEN]);
      expect(errorCodes(await sut.call(SUB_REPORT, { input }, partnerPrincipal(clientId, [Scope.REPORTS_ACK])))).toEqual([
        ErrorCode.FORBIDDEN,
      ]);
      expect(await footprint()).toEqual(before);
    });
  });
});
