/**
 * Answers to reports: a partner with reports:ack acknowledges, comments and gives the answers a
 * report's kind offers (dispatched to a handler registered here, in the answer's transaction);
 * the filters and counts that show what is open; the signed link of a report email, viewed
 * without being used up and used once, refused when altered, expired or used; and the notice
 * settings' recipients, each with a delivery and a link of its own.
 */
import {
  CredentialIssuer,
  DomainError,
  ErrorCode,
  Scope,
  ServiceClient,
  StaffRole,
  TestClock,
  newId,
  type Principal,
} from '@azukari/common';
import { ClientReportDeliveryOutcome, ClientReportRequested, createProducer, type JobPayload, type Producer } from '@azukari/jobs';
import { EmailDeliveryDetails, ReportLinkSubmit, ReportLinkView } from '@azukari/routes';
import { asJob, errorCodes, partnerPrincipal, staffPrincipal, testKeys } from '@azukari/testing';
import { ClientReportEntity } from '../src/client-report/client-report.entity';
import { ClientReportDeliveryEntity } from '../src/client-report/client-report-delivery.entity';
import { ClientReportService } from '../src/client-report/client-report.service';
import { defineReportAnswers, type ReportAnswerContext, type ReportAnswerKind } from '../src/client-report/report-answer';
import { ClientReportAnswerEntity, ReportLinkUseEntity } from '../src/report-answer/report-answer.entity';
import { ReportChannelChoiceEntity } from '../src/report-channel/report-channel.entity';
import { bootContracts, type BootedContracts } from './boot';

const T0 = new Date('2026-04-01T00:00:00.000Z');
const DAY = 24 * 3_600_000;
const MEASURES = 'safety-measures.changed';
/** A handler's refusal, on the comment's word, after a write of its own in the answer's transaction. */
const REFUSE_ME = 'please refuse';

const CREATE_CLIENT = `mutation ($input: CreateClientInput!) { createClient(input: $input) { client { id } } }`;
const ACK = `mutation ($id: ID!, $comment: String) { acknowledgeClientReport(id: $id, comment: $comment) {
  id reportId clientId answer comment via tokenId recipient at } }`;
const COMMENT = `mutation ($id: ID!, $comment: String) { commentOnClientReport(id: $id, comment: $comment) { id answer comment } }`;
const ANSWER = `mutation ($input: AnswerClientReportInput!) { answerClientReport(input: $input) { id answer comment via } }`;
const REPORTS = `query ($clientId: ID, $article: String, $state: ClientReportState, $overdue: Boolean) {
  clientReports(first: 100, clientId: $clientId, article: $article, state: $state, overdue: $overdue) {
    edges { node { id kind article acknowledgedAt asksAnswer answerAwaited answer answersOffered answers { answer via comment } } }
  }
}`;
const COUNTS = `query ($clientId: ID) { clientReportOpenCounts(clientId: $clientId) { clientId unacknowledged answerAwaited } }`;
const REQUESTS = `query ($subjectId: ID, $awaiting: Boolean) { answerRequests(subjectId: $subjectId, awaiting: $awaiting) {
  edges { node { id clientId deliveredAt answerAwaited answer } } } }`;
const SET_CHANNELS = `mutation ($input: SetReportChannelsInput!) { setReportChannels(input: $input) { kind email webhook recipients } }`;

type Requested = JobPayload<typeof ClientReportRequested>;

describe('contracts: answers to reports', () => {
  let sut: BootedContracts;
  let producer: Producer;
  const clock = new TestClock(T0);
  const admin = staffPrincipal(StaffRole.ADMIN);
  const handled: { answer: ReportAnswerKind; ctx: Omit<ReportAnswerContext, 'manager'> }[] = [];
  let acme: string;
  let other: string;
  let partner: Principal;
  let gateway: ServiceClient;
  let worker: ServiceClient;

  beforeAll(async () => {
    const challenges = defineReportAnswers({
      reportKind: MEASURES,
      answers: ['CHALLENGE'],
      handle: async (_deps, answer, ctx) => {
        // A write of the handler's own, in the answer's transaction: undone with it on a refusal.
        await ctx.manager.insert(ReportChannelChoiceEntity, {
          id: newId(),
          clientId: ctx.report.clientId,
          kind: `handled.${newId().slice(-8)}`,
          email: true,
          webhook: false,
          recipients: null,
          createdAt: ctx.at,
          updatedAt: ctx.at,
        });
        if (ctx.comment === REFUSE_ME) throw new DomainError(ErrorCode.CONFLICT, 'Already decided.');
        const { manager: _manager, ...rest } = ctx;
        handled.push({ answer, ctx: rest });
      },
    });
    sut = await bootContracts({ clock, reportAnswers: [challenges] });
    const queues = { redisUrl: sut.app.deps.config.redisUrl, prefix: sut.app.deps.config.queuePrefix };
    producer = createProducer('incidents', queues);
    acme = await createClient('株式会社アクメ', 'privacy@acme.example.jp');
    other = await createClient('Other KK', 'privacy@other.example.jp');
    partner = partnerPrincipal(acme, [Scope.CONTRACTS_READ, Scope.REPORTS_ACK]);
    const keys = await testKeys();
    gateway = new ServiceClient(new CredentialIssuer('gateway', keys.privateKey('gateway')), { contracts: sut.app.url });
    worker = new ServiceClient(new CredentialIssuer('worker', keys.privateKey('worker')), { contracts: sut.app.url });
  });
  afterAll(async () => {
    await producer.close();
    await sut.close();
  });
  beforeEach(() => clock.set(T0));

  async function createClient(name: string, reportEmail: string): Promise<string> {
    const res = await sut.call(CREATE_CLIENT, { input: { name, address: '東京都千代田区', reportEmail, webhookUrl: null } }, admin);
    expect(res.errors).toBeUndefined();
    return res.data?.createClient.client.id as string;
  }

  const manager = () => sut.app.deps.dataSource.manager;
  const eventually = async <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  /** A report recorded from a request, as any service's relay would enqueue it. */
  const report = async (clientId: string, overrides: Partial<Requested> = {}): Promise<ClientReportEntity> => {
    const request: Requested = {
      clientId,
      contractIds: [newId()],
      article: 'Art 7.1',
      kind: 'incident.reported',
      subject: { type: 'Incident', id: newId() },
      facts: { severity: 'HIGH', detectedAt: T0.toISOString() },
      dueAt: new Date(T0.getTime() + DAY).toISOString(),
      ...overrides,
    };
    await producer.enqueue(ClientReportRequested, { eventId: newId(), occurredAt: T0.toISOString(), trace: null, payload: request });
    return await eventually('the report', async () => await manager().findOneBy(ClientReportEntity, { subjectId: request.subject.id }));
  };
  const measuresReport = async (clientId: string) =>
    await report(clientId, { article: 'Art 5.2', kind: MEASURES, subject: { type: 'SafetyMeasure', id: newId() }, facts: { version: 3 } });
  const answersOf = async (reportId: string) =>
    await manager().find(ClientReportAnswerEntity, { where: { reportId }, order: { id: 'ASC' } });
  const reload = async (id: string) => (await manager().findOneBy(ClientReportEntity, { id }))!;
  const ok = async (query: string, variables: Record<string, unknown>, as: Principal) => {
    const res = await sut.call(query, variables, as);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const emailDeliveriesOf = async (reportId: string) =>
    await manager().find(ClientReportDeliveryEntity, { where: { reportId, channel: 'EMAIL' }, order: { id: 'ASC' } });
  const linkOf = async (reportId: string) => {
    const [delivery] = await emailDeliveriesOf(reportId);
    return { delivery: delivery!, details: await worker.call(EmailDeliveryDetails, { deliveryId: delivery!.id }, null) };
  };
  const refusal = async (promise: Promise<unknown>): Promise<string> => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).code;
  };

  describe('through the API, with reports:ack', () => {
    it('acknowledges with a comment, recording the token and time; acknowledging again changes nothing, and keeps a second comment', async () => {
      const r = await report(acme);
      const first = (await ok(ACK, { id: r.id, comment: '確認しました' }, partner)).acknowledgeClientReport;
      expect(first).toMatchObject({
        reportId: r.id,
        clientId: acme,
        answer: 'ACKNOWLEDGE',
        comment: '確認しました',
        via: 'API',
        tokenId: partner.tokenId,
        recipient: null,
        at: T0.toISOString(),
      });
      expect((await reload(r.id)).acknowledgedAt).toEqual(T0);

      clock.advance(60_000);
      const again = (await ok(ACK, { id: r.id }, partner)).acknowledgeClientReport;
      expect(again.id).toBe(first.id);
      expect(await answersOf(r.id)).toHaveLength(1);
      const withWords = (await ok(ACK, { id: r.id, comment: '追記' }, partner)).acknowledgeClientReport;
      expect(withWords).toMatchObject({ answer: 'COMMENT', comment: '追記' });
      expect((await answersOf(r.id)).map((a) => a.answer)).toEqual(['ACKNOWLEDGE', 'COMMENT']);
      expect((await reload(r.id)).acknowledgedAt).toEqual(T0);
    });

    it('comments without acknowledging; a comment needs words', async () => {
      const r = await report(acme);
      expect((await ok(COMMENT, { id: r.id, comment: 'いつ判明しましたか' }, partner)).commentOnClientReport).toMatchObject({
        answer: 'COMMENT',
        comment: 'いつ判明しましたか',
      });
      expect((await reload(r.id)).acknowledgedAt).toBeNull();
      const empty = await sut.call(COMMENT, { id: r.id, comment: '   ' }, partner);
      expect(errorCodes(empty)).toEqual([ErrorCode.BAD_USER_INPUT]);
      expect(await answersOf(r.id)).toHaveLength(1);
    });

    it("dispatches an answer the kind offers to its handler in the answer's transaction, and the report no longer awaits it", async () => {
      const r = await measuresReport(acme);
      const before = (await ok(REQUESTS, { subjectId: r.subjectId, awaiting: true }, partner)).answerRequests.edges;
      expect(before).toEqual([{ node: expect.objectContaining({ id: r.id, clientId: acme, answerAwaited: true, answer: null }) }]);
      const answered = (await ok(ANSWER, { input: { reportId: r.id, answer: 'CHALLENGE', comment: '暗号化が不十分' } }, partner))
        .answerClientReport;
      expect(answered).toMatchObject({ answer: 'CHALLENGE', comment: '暗号化が不十分', via: 'API' });
      expect(handled.at(-1)).toEqual({
        answer: 'CHALLENGE',
        ctx: {
          report: {
            id: r.id,
            clientId: acme,
            kind: MEASURES,
            article: 'Art 5.2',
            subject: { type: 'SafetyMeasure', id: r.subjectId },
            contractIds: JSON.parse(r.contractIds),
          },
          answerer: { via: 'API', principal: partner },
          comment: '暗号化が不十分',
          at: T0,
        },
      });
      expect(await reload(r.id)).toMatchObject({ answer: 'CHALLENGE', answeredAt: T0, acknowledgedAt: T0 });
      expect((await ok(REQUESTS, { subjectId: r.subjectId, awaiting: true }, partner)).answerRequests.edges).toEqual([]);
      expect((await ok(REQUESTS, { subjectId: r.subjectId, awaiting: false }, admin)).answerRequests.edges).toEqual([
        { node: expect.objectContaining({ id: r.id, answerAwaited: false, answer: 'CHALLENGE' }) },
      ]);
    });

    it('refuses an answer the kind does not offer, and a refusal of the handler, writing nothing at all', async () => {
      const incident = await report(acme);
      const notOffered = await sut.call(ANSWER, { input: { reportId: incident.id, answer: 'CONSENT' } }, partner);
      expect(errorCodes(notOffered)).toEqual([ErrorCode.ANSWER_NOT_OFFERED]);
      expect(await answersOf(incident.id)).toEqual([]);
      expect((await reload(incident.id)).acknowledgedAt).toBeNull();

      const measures = await measuresReport(acme);
      const choicesBefore = await manager().countBy(ReportChannelChoiceEntity, { clientId: acme });
      const calls = handled.length;
      const refused = await sut.call(ANSWER, { input: { reportId: measures.id, answer: 'CHALLENGE', comment: REFUSE_ME } }, partner);
      expect(errorCodes(refused)).toEqual([ErrorCode.CONFLICT]);
      expect(await answersOf(measures.id)).toEqual([]);
      expect(await reload(measures.id)).toMatchObject({ acknowledgedAt: null, answer: null, answeredAt: null });
      expect(await manager().countBy(ReportChannelChoiceEntity, { clientId: acme })).toBe(choicesBefore);
      expect(handled).toHaveLength(calls);
    });

    it("answers another client's report as a missing one, refuses a token without reports:ack and staff, writing nothing", async () => {
      const theirs = await report(other);
      expect(errorCodes(await sut.call(ACK, { id: theirs.id }, partner))).toEqual([ErrorCode.NOT_FOUND]);
      expect(errorCodes(await sut.call(ACK, { id: newId() }, partner))).toEqual([ErrorCode.NOT_FOUND]);
      const readOnly = partnerPrincipal(other, [Scope.CONTRACTS_READ, Scope.WEBHOOKS_WRITE]);
      expect(errorCodes(await sut.call(ACK, { id: theirs.id }, readOnly))).toEqual([ErrorCode.FORBIDDEN]);
      expect(errorCodes(await sut.call(ACK, { id: theirs.id }, admin))).toEqual([ErrorCode.FORBIDDEN]);
      expect(await answersOf(theirs.id)).toEqual([]);
      expect((await reload(theirs.id)).acknowledgedAt).toBeNull();
    });

    it('lists by article, state and overdue, and counts what is open per client for staff, and its own for a partner', async () => {
      const fresh = await createClient('Filter KK', 'privacy@filter.example.jp');
      const own = partnerPrincipal(fresh, [Scope.CONTRACTS_READ, Scope.REPORTS_ACK]);
      const incident = await report(fresh);
      const measures = await measuresReport(fresh);
      const late = await report(fresh, { dueAt: new Date(T0.getTime() - DAY).toISOString() });
      await ok(ACK, { id: incident.id }, own);
      const ids = async (variables: Record<string, unknown>, as: Principal = own) =>
        ((await ok(REPORTS, variables, as)).clientReports.edges as { node: { id: string } }[]).map((e) => e.node.id).sort();

      expect(await ids({ state: 'ACKNOWLEDGED' })).toEqual([incident.id]);
      expect(await ids({ state: 'UNACKNOWLEDGED' })).toEqual([measures.id, late.id].sort());
      expect(await ids({ state: 'ANSWER_AWAITED' })).toEqual([measures.id]);
      expect(await ids({ article: 'Art 5.2' })).toEqual([measures.id]);
      expect(await ids({ state: 'UNACKNOWLEDGED', overdue: true })).toEqual([late.id]);
      expect(await ids({ clientId: fresh, state: 'ANSWER_AWAITED' }, admin)).toEqual([measures.id]);
      expect(errorCodes(await sut.call(REPORTS, { article: 'Art 99' }, own))).toEqual([ErrorCode.BAD_USER_INPUT]);

      const node = ((await ok(REPORTS, { article: 'Art 5.2' }, own)).clientReports.edges as { node: Record<string, unknown> }[])[0]!.node;
      expect(node).toMatchObject({ asksAnswer: true, answerAwaited: true, answersOffered: ['ACKNOWLEDGE', 'COMMENT', 'CHALLENGE'] });

      const counts = (await ok(COUNTS, {}, admin)).clientReportOpenCounts as { clientId: string }[];
      expect(counts.find((c) => c.clientId === fresh)).toEqual({ clientId: fresh, unacknowledged: 2, answerAwaited: 1 });
      expect(counts.map((c) => c.clientId)).toContain(other);
      expect((await ok(COUNTS, {}, own)).clientReportOpenCounts).toEqual([{ clientId: fresh, unacknowledged: 2, answerAwaited: 1 }]);
    });
  });

  describe("through a report email's signed link", () => {
    it('gives each email delivery its link; viewing it uses nothing up; answering records the recipient and uses it up', async () => {
      const r = await measuresReport(acme);
      const { delivery, details } = await linkOf(r.id);
      expect(details.to).toBe('privacy@acme.example.jp');
      expect(details.link).toEqual({
        token: expect.any(String),
        expiresAt: new Date(delivery.createdAt.getTime() + 30 * DAY).toISOString(),
        answers: ['ACKNOWLEDGE', 'COMMENT', 'CHALLENGE'],
      });
      // Every try of the delivery sends the same link.
      expect((await worker.call(EmailDeliveryDetails, { deliveryId: delivery.id }, null)).link.token).toBe(details.link.token);

      const view = await gateway.call(ReportLinkView, { token: details.link.token }, null);
      expect(view).toMatchObject({
        reportId: r.id,
        kind: MEASURES,
        article: 'Art 5.2',
        facts: { version: 3 },
        clientName: '株式会社アクメ',
        language: 'ja',
        recipient: 'privacy@acme.example.jp',
        answers: ['ACKNOWLEDGE', 'COMMENT', 'CHALLENGE'],
        acknowledgedAt: null,
      });
      await gateway.call(ReportLinkView, { token: details.link.token }, null);
      expect(await manager().countBy(ReportLinkUseEntity, { reportId: r.id })).toBe(0);

      clock.advance(3_600_000);
      const submitted = await gateway.call(ReportLinkSubmit, { token: details.link.token, answer: 'CHALLENGE', comment: '再検討を' }, null);
      expect(submitted).toMatchObject({ reportId: r.id, answer: 'CHALLENGE', language: 'ja' });
      const [answer] = await answersOf(r.id);
      expect(answer).toMatchObject({
        answer: 'CHALLENGE',
        comment: '再検討を',
        via: 'EMAIL_LINK',
        tokenId: null,
        recipient: 'privacy@acme.example.jp',
        at: new Date(T0.getTime() + 3_600_000),
      });
      expect(handled.at(-1)?.ctx.answerer).toEqual({ via: 'EMAIL_LINK', address: 'privacy@acme.example.jp' });
      expect(await manager().findOneBy(ReportLinkUseEntity, { id: delivery.id })).toMatchObject({ reportId: r.id, answerId: answer!.id });

      expect(await refusal(gateway.call(ReportLinkSubmit, { token: details.link.token, answer: 'ACKNOWLEDGE', comment: null }, null))).toBe(
        ErrorCode.LINK_USED,
      );
      expect(await refusal(gateway.call(ReportLinkView, { token: details.link.token }, null))).toBe(ErrorCode.LINK_USED);
      expect(await answersOf(r.id)).toHaveLength(1);
    });

    it('refuses an altered, an expired and a used link, and an answer not offered, writing nothing and using nothing up', async () => {
      const r = await report(acme);
      const { details } = await linkOf(r.id);
      const token = details.link.token;
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, email: 'attacker@example.com' })).toString('base64url')}.${signature}`;
      const flipped = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      for (const bad of [forged, flipped, 'not-a-token']) {
        expect(await refusal(gateway.call(ReportLinkView, { token: bad }, null))).toBe(ErrorCode.LINK_INVALID);
        expect(await refusal(gateway.call(ReportLinkSubmit, { token: bad, answer: 'ACKNOWLEDGE', comment: null }, null))).toBe(
          ErrorCode.LINK_INVALID,
        );
      }
      expect(await refusal(gateway.call(ReportLinkSubmit, { token, answer: 'CHALLENGE', comment: null }, null))).toBe(
        ErrorCode.ANSWER_NOT_OFFERED,
      );
      clock.advance(30 * DAY + 60_000);
      expect(await refusal(gateway.call(ReportLinkView, { token }, null))).toBe(ErrorCode.LINK_EXPIRED);
      expect(await refusal(gateway.call(ReportLinkSubmit, { token, answer: 'ACKNOWLEDGE', comment: null }, null))).toBe(
        ErrorCode.LINK_EXPIRED,
      );
      expect(await answersOf(r.id)).toEqual([]);
      expect(await manager().countBy(ReportLinkUseEntity, { reportId: r.id })).toBe(0);
      expect((await reload(r.id)).acknowledgedAt).toBeNull();

      // Still unused and in time, it answers once, however many ask at once.
      clock.set(T0);
      const tries = await Promise.allSettled(
        [1, 2, 3].map(async () => await gateway.call(ReportLinkSubmit, { token, answer: 'ACKNOWLEDGE', comment: null }, null)),
      );
      expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
      for (const t of tries.filter((t): t is PromiseRejectedResult => t.status === 'rejected')) {
        expect((t.reason as DomainError).code).toBe(ErrorCode.LINK_USED);
      }
      expect(await answersOf(r.id)).toHaveLength(1);
    });
  });

  describe('notice settings: recipients per kind', () => {
    it('sends each named recipient an email delivery and a link of its own, and the report address by default', async () => {
      const client = await createClient('Recipients KK', 'privacy@recipients.example.jp');
      const settings = partnerPrincipal(client, [Scope.CONTRACTS_READ, Scope.WEBHOOKS_WRITE]);
      const set = await ok(
        SET_CHANNELS,
        { input: { kind: MEASURES, email: true, webhook: false, recipients: ['CISO@recipients.example.jp', 'dpo@recipients.example.jp'] } },
        settings,
      );
      expect(set.setReportChannels).toEqual({
        kind: MEASURES,
        email: true,
        webhook: false,
        recipients: ['ciso@recipients.example.jp', 'dpo@recipients.example.jp'],
      });
      const named = await measuresReport(client);
      const deliveries = await emailDeliveriesOf(named.id);
      expect(deliveries.map((d) => d.target).sort()).toEqual(['ciso@recipients.example.jp', 'dpo@recipients.example.jp']);
      const tokens = await Promise.all(
        deliveries.map(async (d) => (await worker.call(EmailDeliveryDetails, { deliveryId: d.id }, null)).link.token),
      );
      expect(new Set(tokens).size).toBe(2);
      const views = await Promise.all(tokens.map(async (token) => (await gateway.call(ReportLinkView, { token }, null)).recipient));
      expect(views.sort()).toEqual(['ciso@recipients.example.jp', 'dpo@recipients.example.jp']);

      const other = await report(client);
      expect((await emailDeliveriesOf(other.id)).map((d) => d.target)).toEqual(['privacy@recipients.example.jp']);

      const bad = await sut.call(
        SET_CHANNELS,
        { input: { kind: '*', email: true, webhook: true, recipients: ['not an address'] } },
        settings,
      );
      expect(errorCodes(bad)).toEqual([ErrorCode.BAD_USER_INPUT]);
      const none = await sut.call(SET_CHANNELS, { input: { kind: '*', email: true, webhook: true, recipients: [] } }, settings);
      expect(errorCodes(none)).toEqual([ErrorCode.BAD_USER_INPUT]);
      expect(await manager().countBy(ReportChannelChoiceEntity, { clientId: client, kind: '*' })).toBe(0);

      // A failed delivery to a named recipient is redelivered to that recipient, with a link of its own.
      const failed = deliveries.find((d) => d.target === 'dpo@recipients.example.jp')!;
      await asJob(
        ClientReportDeliveryOutcome.name,
        async () =>
          await new ClientReportService(sut.app.deps).recordOutcome(
            {
              deliveryId: failed.id,
              reportId: named.id,
              channel: 'EMAIL',
              status: 'FAILED',
              attempt: 1,
              at: clock.now().toISOString(),
              durationMs: 5,
              responseStatus: 550,
              error: 'mailbox unavailable',
              nextAttemptAt: null,
            },
            { jobId: `worker-${newId()}`, occurredAt: clock.now().toISOString(), trace: null },
          ),
      );
      await ok(`mutation ($id: ID!) { redeliverClientReport(id: $id) { id } }`, { id: named.id }, settings);
      const again = (await emailDeliveriesOf(named.id)).find((d) => d.redeliveryOf === failed.id)!;
      expect(again.target).toBe('dpo@recipients.example.jp');
      const link = (await worker.call(EmailDeliveryDetails, { deliveryId: again.id }, null)).link.token;
      expect(tokens).not.toContain(link);
      expect((await gateway.call(ReportLinkView, { token: link }, null)).recipient).toBe('dpo@recipients.example.jp');
    });
  });
});
