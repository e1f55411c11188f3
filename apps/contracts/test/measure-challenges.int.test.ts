/**
 * Challenges of the safety measures as insufficient (Art 5.3) through contracts' GraphQL and the
 * report-answer seam: a partner with reports:ack opens a thread (or answers a 5.2 report with
 * CHALLENGE, by the API or a report email's signed link: the same thread), both sides write, staff
 * note the service's content, scale and fees and close it with its outcome, reported to the client.
 * A closed thread refuses messages; another client's thread is a missing one; refusals write nothing.
 */
import { ErrorCode, Scope, StaffRole, TestClock, newId, type Principal } from '@azukari/common';
import { OutboxEventEntity } from '@azukari/db';
import type { ClientReportRequested, JobPayload } from '@azukari/jobs';
import { asJob, asTestStep, errorCodes, factories, partnerPrincipal, staffPrincipal } from '@azukari/testing';
import type { ReportAnswerContext } from '../src/client-report/report-answer';
import { ClientReportEntity } from '../src/client-report/client-report.entity';
import { SafetyMeasureChallengeEntity, SafetyMeasureChallengeMessageEntity } from '../src/measure-challenge/measure-challenge.entity';
import { REPORT_ANSWERS } from '../src/report-answers';
import { safetyMeasureAnswers } from '../src/safety-measure/safety-measure.answers';
import { bootContracts, type BootedContracts } from './boot';

const T0 = new Date('2026-04-01T00:00:00.000Z');
const DAY = 24 * 3600_000;

const CREATE = `mutation ($input: CreateSafetyMeasureInput!) { createSafetyMeasure(input: $input) { id version } }`;
const APPLY = `mutation ($input: ApplySafetyMeasureInput!) { applySafetyMeasure(input: $input) { id } }`;
const THREAD = `id clientId measureId reportId contractIds status openedVia serviceContent serviceScale serviceFees outcome outcomeText closedAt closedByEmployeeId
  messages { side via authorTokenId authorEmployeeId authorAddress body }`;
const CHALLENGE = `mutation ($input: ChallengeSafetyMeasuresInput!) { challengeSafetyMeasures(input: $input) { ${THREAD} } }`;
const POST = `mutation ($id: ID!, $body: String!) { postSafetyMeasureChallengeMessage(challengeId: $id, body: $body) { id messages { side body } } }`;
const NOTE = `mutation ($id: ID!, $input: SafetyMeasureChallengeServiceInput!) { noteSafetyMeasureChallengeService(challengeId: $id, input: $input) { ${THREAD} } }`;
const CLOSE = `mutation ($id: ID!, $input: CloseSafetyMeasureChallengeInput!) { closeSafetyMeasureChallenge(challengeId: $id, input: $input) { ${THREAD} } }`;
const ONE = `query ($id: ID!) { safetyMeasureChallenge(id: $id) { ${THREAD} } }`;
const LIST = `query ($status: SafetyMeasureChallengeStatus) { safetyMeasureChallenges(status: $status, first: 100) { edges { node { id clientId status } } } }`;

type Requested = JobPayload<typeof ClientReportRequested>;

describe('contracts: challenges of the safety measures (Art 5.3)', () => {
  let sut: BootedContracts;
  const clock = new TestClock(T0);
  const admin = staffPrincipal(StaffRole.ADMIN);
  const officer = staffPrincipal(StaffRole.PRIVACY_OFFICER);

  beforeAll(async () => {
    sut = await bootContracts({ clock });
  });
  afterAll(async () => await sut.close());
  beforeEach(() => clock.set(T0));

  const as =
    (who: Principal): factories.GraphQLCaller =>
    async (query, variables) =>
      await sut.call(query, variables ?? {}, who);
  const ok = async (query: string, variables: Record<string, unknown>, who: Principal = admin) => {
    const res = await sut.call(query, variables, who);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  /** A client with a contract that a catalogue measure applies to. */
  const setUp = async () => {
    const clientId = (await factories.createClient(as(admin))).id;
    const contractId = (await factories.createContract(as(admin), clientId)).id;
    const measureId = (
      await ok(CREATE, {
        input: { category: 'TECHNICAL', title: 'ログ監視', description: '操作ログを 1 年保存する。', owner: '情報システム部' },
      })
    ).createSafetyMeasure.id as string;
    await ok(APPLY, { input: { measureId, contractIds: [contractId] } });
    return { clientId, contractId, measureId, partner: partnerPrincipal(clientId, [Scope.REPORTS_ACK]) };
  };
  const rows = async () => ({
    threads: await sut.app.deps.dataSource.manager.count(SafetyMeasureChallengeEntity),
    messages: await sut.app.deps.dataSource.manager.count(SafetyMeasureChallengeMessageEntity),
    events: await sut.app.deps.dataSource.manager.countBy(OutboxEventEntity, { type: 'client-report.requested' }),
  });
  const closedReports = async (challengeId: string): Promise<Requested[]> =>
    (await sut.app.deps.dataSource.manager.findBy(OutboxEventEntity, { type: 'client-report.requested' }))
      .map((e) => JSON.parse(e.payload) as Requested)
      .filter((p) => p.subject.id === challengeId);

  it('lets a partner challenge a measure and discuss it with staff until they close it with its outcome, reported to the client', async () => {
    const { clientId, contractId, measureId, partner } = await setUp();
    const opened = (await ok(CHALLENGE, { input: { measureId, message: 'ログの保存期間が 1 年では短すぎます。' } }, partner))
      .challengeSafetyMeasures;
    expect(opened).toMatchObject({
      clientId,
      measureId,
      reportId: null,
      contractIds: [contractId],
      status: 'OPEN',
      openedVia: 'API',
      messages: [
        {
          side: 'CLIENT',
          via: 'API',
          authorTokenId: partner.tokenId,
          authorEmployeeId: null,
          authorAddress: null,
          body: 'ログの保存期間が 1 年では短すぎます。',
        },
      ],
    });
    // The same measure challenged again while the discussion runs: the same thread.
    const again = (await ok(CHALLENGE, { input: { measureId, message: '監査要件では 3 年です。' } }, partner)).challengeSafetyMeasures;
    expect(again.id).toBe(opened.id);
    expect(again.messages.map((m: { body: string }) => m.body)).toEqual([
      'ログの保存期間が 1 年では短すぎます。',
      '監査要件では 3 年です。',
    ]);

    expect(
      (await ok(POST, { id: opened.id, body: '費用を含めて検討します。' }, officer)).postSafetyMeasureChallengeMessage.messages.at(-1),
    ).toEqual({
      side: 'OPERATOR',
      body: '費用を含めて検討します。',
    });
    const noted = (await ok(NOTE, { id: opened.id, input: { serviceContent: '給与計算', serviceScale: '従業員 2,000 名分' } }, officer))
      .noteSafetyMeasureChallengeService;
    expect(noted).toMatchObject({ serviceContent: '給与計算', serviceScale: '従業員 2,000 名分', serviceFees: null, status: 'OPEN' });

    clock.set(new Date(T0.getTime() + 3600_000));
    const closed = (
      await ok(
        CLOSE,
        {
          id: opened.id,
          input: { outcome: 'FEES_ADJUSTED', outcomeText: '保存期間を 3 年に延長し、月額を改定する。', serviceFees: '月額 30 万円' },
        },
        officer,
      )
    ).closeSafetyMeasureChallenge;
    expect(closed).toMatchObject({
      status: 'CLOSED',
      outcome: 'FEES_ADJUSTED',
      outcomeText: '保存期間を 3 年に延長し、月額を改定する。',
      serviceFees: '月額 30 万円',
      closedAt: new Date(T0.getTime() + 3600_000).toISOString(),
      closedByEmployeeId: officer.employeeId,
    });
    expect(await closedReports(opened.id)).toEqual([
      {
        clientId,
        contractIds: [contractId],
        article: 'Art 5.3',
        kind: 'safety-measures.challenge-closed',
        subject: { type: 'SafetyMeasureChallenge', id: opened.id },
        facts: { challengeId: opened.id, measureId, outcome: 'FEES_ADJUSTED', closedAt: new Date(T0.getTime() + 3600_000).toISOString() },
        dueAt: new Date(T0.getTime() + 3600_000 + DAY).toISOString(),
      },
    ]);

    // Closed: it takes no more messages, from either side, and is closed once.
    const before = await rows();
    expect(errorCodes(await sut.call(POST, { id: opened.id, body: 'まだ不十分です。' }, partner))).toEqual([ErrorCode.CONFLICT]);
    expect(errorCodes(await sut.call(POST, { id: opened.id, body: '補足' }, admin))).toEqual([ErrorCode.CONFLICT]);
    expect(errorCodes(await sut.call(NOTE, { id: opened.id, input: { serviceFees: '月額 31 万円' } }, admin))).toEqual([
      ErrorCode.CONFLICT,
    ]);
    expect(errorCodes(await sut.call(CLOSE, { id: opened.id, input: { outcome: 'MEASURES_CHANGED', outcomeText: 'x' } }, admin))).toEqual([
      ErrorCode.CONFLICT,
    ]);
    expect(await rows()).toEqual(before);
    // A new challenge of the same measure opens a new thread.
    const next = (await ok(CHALLENGE, { input: { measureId, message: '再度協議を求めます。' } }, partner)).challengeSafetyMeasures;
    expect(next.id).not.toBe(opened.id);
    expect(
      (await ok(LIST, {}, partner)).safetyMeasureChallenges.edges.map((e: { node: { id: string; status: string } }) => [
        e.node.id,
        e.node.status,
      ]),
    ).toEqual([
      [opened.id, 'CLOSED'],
      [next.id, 'OPEN'],
    ]);
  });

  it('keeps a challenge of the measures as a whole apart from one of a measure, one open thread each', async () => {
    const { contractId, measureId, partner } = await setUp();
    const whole = (await ok(CHALLENGE, { input: { contractIds: [contractId], message: '全体として不十分です。' } }, partner))
      .challengeSafetyMeasures;
    expect(whole).toMatchObject({ measureId: null, contractIds: [contractId], status: 'OPEN' });
    const one = (await ok(CHALLENGE, { input: { measureId, message: 'この措置について。' } }, partner)).challengeSafetyMeasures;
    expect(one.id).not.toBe(whole.id);
    const again = (await ok(CHALLENGE, { input: { message: '補足です。' } }, partner)).challengeSafetyMeasures;
    expect(again.id).toBe(whole.id);
    expect(again.messages.map((m: { body: string }) => m.body)).toEqual(['全体として不十分です。', '補足です。']);
  });

  it("answers another client's thread like a missing one, refuses a partner without reports:ack and bad input, writing nothing", async () => {
    const own = await setUp();
    const other = await setUp();
    const theirs = (await ok(CHALLENGE, { input: { measureId: other.measureId, message: '不十分です。' } }, other.partner))
      .challengeSafetyMeasures;
    const before = await rows();

    expect((await ok(ONE, { id: theirs.id }, own.partner)).safetyMeasureChallenge).toBeNull();
    expect((await ok(LIST, {}, own.partner)).safetyMeasureChallenges.edges).toEqual([]);
    expect(errorCodes(await sut.call(POST, { id: theirs.id, body: '横から失礼します。' }, own.partner))).toEqual([ErrorCode.NOT_FOUND]);
    // The other client's measure is not in force on any of its contracts: as if it did not exist.
    const otherOnly = (
      await ok(CREATE, {
        input: { contractId: other.contractId, category: 'HUMAN', title: '教育', description: '年 2 回の研修。', owner: '人事部' },
      })
    ).createSafetyMeasure.id;
    const afterAddition = await rows();
    expect(errorCodes(await sut.call(CHALLENGE, { input: { measureId: otherOnly, message: 'x' } }, own.partner))).toEqual([
      ErrorCode.NOT_FOUND,
    ]);
    expect(
      errorCodes(
        await sut.call(CHALLENGE, { input: { measureId: own.measureId, contractIds: [other.contractId], message: 'x' } }, own.partner),
      ),
    ).toEqual([ErrorCode.NOT_FOUND]);
    // Scopes and roles.
    for (const who of [partnerPrincipal(own.clientId, [Scope.CONTRACTS_READ, Scope.WEBHOOKS_WRITE]), admin]) {
      expect(errorCodes(await sut.call(CHALLENGE, { input: { measureId: own.measureId, message: 'x' } }, who))).toEqual([
        ErrorCode.FORBIDDEN,
      ]);
    }
    expect(errorCodes(await sut.call(LIST, {}, partnerPrincipal(own.clientId, [Scope.CONTRACTS_READ])))).toEqual([ErrorCode.FORBIDDEN]);
    expect(errorCodes(await sut.call(POST, { id: theirs.id, body: 'x' }, staffPrincipal(StaffRole.AUDITOR)))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);
    for (const who of [other.partner, staffPrincipal(StaffRole.HANDLER)]) {
      expect(
        errorCodes(await sut.call(CLOSE, { id: theirs.id, input: { outcome: 'MAINTAINED_AS_SUFFICIENT', outcomeText: 'x' } }, who)),
      ).toEqual([ErrorCode.FORBIDDEN]);
    }
    // Bad input: an empty message, an unknown outcome, a report that is no change of measures, closing before the service is noted.
    expect(errorCodes(await sut.call(CHALLENGE, { input: { measureId: own.measureId, message: '' } }, own.partner))).toEqual([
      ErrorCode.BAD_USER_INPUT,
    ]);
    expect(errorCodes(await sut.call(POST, { id: theirs.id, body: '   ' }, other.partner))).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(errorCodes(await sut.call(CLOSE, { id: theirs.id, input: { outcome: 'GIVEN_UP', outcomeText: 'x' } }, admin))).toEqual([
      ErrorCode.BAD_USER_INPUT,
    ]);
    expect(errorCodes(await sut.call(NOTE, { id: theirs.id, input: {} }, admin))).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(errorCodes(await sut.call(NOTE, { id: theirs.id, input: { serviceFees: '月額 1 円' } }, other.partner))).toEqual([
      ErrorCode.FORBIDDEN,
    ]);
    const missingNotes = await sut.call(
      CLOSE,
      { id: theirs.id, input: { outcome: 'MAINTAINED_AS_SUFFICIENT', outcomeText: '現状で十分' } },
      admin,
    );
    expect(errorCodes(missingNotes)).toEqual([ErrorCode.BAD_USER_INPUT]);
    expect(missingNotes.errors?.[0]?.message).toContain('serviceContent, serviceScale, serviceFees');
    const incidentReport = await asTestStep('a report of another kind', async () =>
      sut.app.deps.dataSource.transaction(async (m) => {
        const row = report(own.clientId, 'incident.reported', own.contractId, newId());
        await m.insert(ClientReportEntity, row);
        return row;
      }),
    );
    const afterReport = await rows();
    expect(errorCodes(await sut.call(CHALLENGE, { input: { reportId: incidentReport.id, message: 'x' } }, own.partner))).toEqual([
      ErrorCode.BAD_USER_INPUT,
    ]);
    expect(errorCodes(await sut.call(CHALLENGE, { input: { reportId: incidentReport.id, message: 'x' } }, other.partner))).toEqual([
      ErrorCode.NOT_FOUND,
    ]);

    expect(afterAddition.threads).toBe(before.threads);
    expect(afterAddition.messages).toBe(before.messages);
    expect(await rows()).toEqual(afterReport);
    expect((await ok(ONE, { id: theirs.id })).safetyMeasureChallenge).toMatchObject({
      status: 'OPEN',
      outcome: null,
      messages: [{ body: '不十分です。' }],
    });
  });

  describe('the answer CHALLENGE to a safety-measures.changed report', () => {
    /** The 5.2 report of a change as client-report recorded it: what an answer names. */
    const changeReport = async (clientId: string, contractId: string, measureId: string) =>
      await asTestStep('a recorded 5.2 report', async () =>
        sut.app.deps.dataSource.transaction(async (m) => {
          const row = report(clientId, 'safety-measures.changed', contractId, measureId);
          await m.insert(ClientReportEntity, row);
          return row;
        }),
      );
    const answer = async (
      kind: 'CHALLENGE' | 'ACKNOWLEDGE',
      row: ClientReportEntity,
      answerer: ReportAnswerContext['answerer'],
      comment: string | null,
    ) =>
      await asJob('report-answer', async () =>
        sut.app.deps.dataSource.transaction(async (manager) =>
          safetyMeasureAnswers.handle(sut.app.deps, kind, {
            manager,
            report: {
              id: row.id,
              clientId: row.clientId,
              kind: row.kind,
              article: row.article,
              subject: { type: row.subjectType, id: row.subjectId },
              contractIds: JSON.parse(row.contractIds) as string[],
            },
            answerer,
            comment,
            at: clock.now(),
          }),
        ),
      );

    it('is registered for the kind, offering CHALLENGE', () => {
      expect(REPORT_ANSWERS.filter((h) => h.reportKind === 'safety-measures.changed')).toEqual([safetyMeasureAnswers]);
      expect(safetyMeasureAnswers.answers).toEqual(['CHALLENGE']);
    });

    it("opens the same thread as the API from an email's signed link, and joins the one the API opened", async () => {
      const { clientId, contractId, measureId, partner } = await setUp();
      const row = await changeReport(clientId, contractId, measureId);
      await answer('CHALLENGE', row, { via: 'EMAIL_LINK', address: 'privacy@client.example.jp' }, '対策が不十分です。');
      const [thread] = await sut.app.deps.dataSource.manager.findBy(SafetyMeasureChallengeEntity, { clientId });
      expect(thread).toMatchObject({ measureId, reportId: row.id, contractIds: [contractId], status: 'OPEN', openedVia: 'EMAIL_LINK' });
      // The partner then challenges through the API, naming the report: the same thread, read through the API.
      const viaApi = (await ok(CHALLENGE, { input: { reportId: row.id, message: '詳細は添付のとおりです。' } }, partner))
        .challengeSafetyMeasures;
      expect(viaApi.id).toBe(thread!.id);
      expect(viaApi.messages).toEqual([
        {
          side: 'CLIENT',
          via: 'EMAIL_LINK',
          authorTokenId: null,
          authorEmployeeId: null,
          authorAddress: 'privacy@client.example.jp',
          body: '対策が不十分です。',
        },
        {
          side: 'CLIENT',
          via: 'API',
          authorTokenId: partner.tokenId,
          authorEmployeeId: null,
          authorAddress: null,
          body: '詳細は添付のとおりです。',
        },
      ]);
      // An answer through the API (the generic answer mutation) is written under the partner's token.
      await answer('CHALLENGE', row, { via: 'API', principal: partner }, null);
      expect(await sut.app.deps.dataSource.manager.countBy(SafetyMeasureChallengeEntity, { clientId })).toBe(1);
      expect(await sut.app.deps.dataSource.manager.countBy(SafetyMeasureChallengeMessageEntity, { challengeId: viaApi.id })).toBe(2);
    });

    it('opens nothing for an acknowledgement, and rolls back with a refusal', async () => {
      const { clientId, contractId, measureId } = await setUp();
      const row = await changeReport(clientId, contractId, measureId);
      const before = await rows();
      await answer('ACKNOWLEDGE', row, { via: 'EMAIL_LINK', address: 'privacy@client.example.jp' }, '確認しました。');
      expect(await rows()).toEqual(before);
      // A report about a measure the client cannot see (a defect upstream) is refused: NOT_FOUND, nothing written.
      const stray = await changeReport(clientId, contractId, newId());
      await expect(answer('CHALLENGE', stray, { via: 'EMAIL_LINK', address: 'privacy@client.example.jp' }, 'x')).rejects.toMatchObject({
        code: ErrorCode.NOT_FOUND,
      });
      expect(await rows()).toEqual(before);
    });
  });
});

/** A recorded client report, as client-report writes one from a ClientReportRequested. */
const report = (clientId: string, kind: string, contractId: string, subjectId: string): ClientReportEntity => ({
  id: newId(),
  clientId,
  kind,
  article: kind === 'safety-measures.changed' ? 'Art 5.2' : 'Art 7.1',
  subjectType: kind === 'safety-measures.changed' ? 'SafetyMeasure' : 'Incident',
  subjectId,
  contractIds: JSON.stringify([contractId]),
  dueAt: T0,
  sourceJobId: `test-${newId()}`,
  body: '{}',
  deliveryStatus: 'PENDING',
  attempts: 0,
  lastResponseStatus: null,
  lastError: null,
  deliveredAt: null,
  escalatedAt: null,
  acknowledgedAt: null,
  asksAnswer: kind === 'safety-measures.changed',
  answer: null,
  answeredAt: null,
  createdAt: T0,
  updatedAt: T0,
});
