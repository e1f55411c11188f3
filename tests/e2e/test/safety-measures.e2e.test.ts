/**
 * Safety management measures (Art 5) through the gateway, with the real worker, a real webhook
 * receiver and a real SMTP server: one change of a catalogue measure applied to two clients'
 * contracts reaches both clients, each by its own report naming only its own contracts (5.2); a
 * partner sees the measures in force on its own contracts; it challenges a change as insufficient
 * (5.3), discusses it with staff, and the closing outcome reaches its receiver. Another client's
 * partner sees nothing of it, a token without the scope is refused, a closed thread takes no more.
 */
import { randomUUID } from 'node:crypto';
import { graphql } from '@azukari/testing';
import { startStack, type Stack } from '../src/stack';
import { WebhookReceiver, type Delivery } from '../src/webhook-receiver';
import { createClient, createContract, createPartnerToken, SCOPE, waitUntil } from '../src/flows';
import { applySafetyMeasure, changeSafetyMeasure, createSafetyMeasure, REPORTS_ACK } from '../src/safety-measures-flows';

const ON_CONTRACT = `query ($id: ID!) { contract(id: $id) { id safetyMeasures { measureId catalogue category title owner version } } }`;
const REPORTS = `query { clientReports(first: 100) { edges { node { id kind article subjectId contractIds deliveryStatus } } } }`;
const CHALLENGE = `mutation ($input: ChallengeSafetyMeasuresInput!) { challengeSafetyMeasures(input: $input) { id measureId reportId contractIds status } }`;
const POST = `mutation ($id: ID!, $body: String!) { postSafetyMeasureChallengeMessage(challengeId: $id, body: $body) { id } }`;
const CLOSE = `mutation ($id: ID!, $input: CloseSafetyMeasureChallengeInput!) { closeSafetyMeasureChallenge(challengeId: $id, input: $input) { id status outcome } }`;
const THREAD = `query ($id: ID!) { safetyMeasureChallenge(id: $id) { id status outcome messages { side body } } }`;
const THREADS = `query { safetyMeasureChallenges(first: 100) { edges { node { id clientId } } } }`;

interface ReportNode {
  id: string;
  kind: string;
  article: string;
  subjectId: string;
  contractIds: string[];
  deliveryStatus: string;
}

describe('safety management measures, reported to each client and challenged (Art 5)', () => {
  let stack: Stack;
  const receiver = new WebhookReceiver();
  beforeAll(async () => {
    stack = await startStack();
    await receiver.start();
  });
  afterAll(async () => {
    await stack.close();
    await receiver.close();
  });

  const ok = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await stack.request(query, variables, token);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const codes = async (query: string, variables: Record<string, unknown>, token?: string) =>
    ((await stack.request(query, variables, token)).errors ?? []).map((e) => e.extensions?.code);
  const webhook = async (what: string, match: (d: Delivery) => boolean) =>
    await waitUntil(async () => receiver.reports.find(match), 30_000, what);

  it('reports one change to both clients, each its own contracts, and carries a challenge through to its outcome', async () => {
    // Client A takes its reports by webhook (and email); client B by email alone.
    const a = await createClient(stack, '株式会社安全管理エー', receiver.url);
    receiver.useSecret(a.webhookSecret!);
    const b = await createClient(stack, 'Safety Measures B Ltd', undefined, 'EN');
    const [a1, a2, b1] = [await createContract(stack, a.id), await createContract(stack, a.id), await createContract(stack, b.id)];
    const measure = await createSafetyMeasure(stack, {
      category: 'TECHNICAL',
      title: 'アクセス制御',
      description: '業務端末は多要素認証で利用する。',
      owner: '情報システム部長',
    });
    await applySafetyMeasure(stack, measure.id, [a1, a2, b1]);
    const changed = await changeSafetyMeasure(stack, measure.id, {
      description: '業務端末は FIDO2 キーによる多要素認証で利用する。',
      changeSummary: '認証要素を FIDO2 に変更',
    });
    expect(changed.version).toBe(2);

    // A's receiver: the change, naming A's two contracts and no other.
    const toA = await webhook('the change at A', (d) => d.body.type === 'safety-measures.changed' && d.body.data.change === 'CHANGED');
    expect(toA.body).toMatchObject({
      clientId: a.id,
      article: 'Art 5.2',
      subject: { type: 'SafetyMeasure', id: measure.id },
      data: { measureId: measure.id, version: 2, category: 'TECHNICAL', change: 'CHANGED', summary: '認証要素を FIDO2 に変更' },
    });
    expect([...toA.body.contractIds].sort()).toEqual([a1, a2].sort());
    expect(receiver.reports.every((d) => d.body.clientId === a.id && !d.body.contractIds.includes(b1))).toBe(true);
    expect(receiver.rejected).toEqual([]);
    // B's mailbox: the change, naming B's contract, nothing of A.
    const toB = await waitUntil(
      async () =>
        stack.mail.messages.find((m) => m.envelope.to.includes(b.reportEmail) && m.text.includes('CHANGED') && m.text.includes(measure.id)),
      30_000,
      'the change mailed to B',
    );
    expect(toB.subject).toContain('Safety management measures changed');
    expect(toB.text).toContain(b1);
    expect(toB.text).not.toContain(a1);
    expect(toB.text).not.toContain('株式会社安全管理エー');

    // Partners see the measures in force on their own contracts, at version 2; another client's contract is none of theirs.
    const partnerA = (await createPartnerToken(stack, a.id, [SCOPE.contractsRead, REPORTS_ACK])).token as string;
    const partnerB = (await createPartnerToken(stack, b.id, [SCOPE.contractsRead, REPORTS_ACK])).token as string;
    expect((await ok(ON_CONTRACT, { id: a1 }, partnerA)).contract.safetyMeasures).toEqual([
      { measureId: measure.id, catalogue: true, category: 'TECHNICAL', title: 'アクセス制御', owner: '情報システム部長', version: 2 },
    ]);
    expect((await ok(ON_CONTRACT, { id: a1 }, partnerB)).contract).toBeNull();

    // A challenges the change it was told of, naming the report.
    const report = await waitUntil(
      async () =>
        (((await stack.request(REPORTS, {}, partnerA)).data?.clientReports.edges ?? []) as { node: ReportNode }[])
          .map((e) => e.node)
          .find((r) => r.kind === 'safety-measures.changed' && r.id === toA.id),
      20_000,
      'the change report in A’s list',
    );
    const thread = (
      await ok(CHALLENGE, { input: { reportId: report.id, message: 'FIDO2 キーの紛失時の手順が定められていません。' } }, partnerA)
    ).challengeSafetyMeasures;
    expect(thread).toMatchObject({ measureId: measure.id, reportId: report.id, status: 'OPEN' });
    // Challenged by its report: the report's answer is given.
    const answered = await stack.request(
      `{ clientReports(article: "Art 5.2") { edges { node { id answer answerAwaited } } } }`,
      {},
      partnerA,
    );
    expect(
      answered.data?.clientReports.edges.map((e: { node: { id: string } }) => e.node).find((r: { id: string }) => r.id === report.id),
    ).toEqual({
      id: report.id,
      answer: 'CHALLENGE',
      answerAwaited: false,
    });
    expect([...thread.contractIds].sort()).toEqual([a1, a2].sort());
    // Another client's partner: the thread is a missing one; a token without reports:ack is refused.
    expect((await ok(THREAD, { id: thread.id }, partnerB)).safetyMeasureChallenge).toBeNull();
    expect((await ok(THREADS, {}, partnerB)).safetyMeasureChallenges.edges).toEqual([]);
    expect(await codes(POST, { id: thread.id, body: '横から失礼します。' }, partnerB)).toEqual(['NOT_FOUND']);
    const readOnly = (await createPartnerToken(stack, a.id, [SCOPE.contractsRead])).token as string;
    expect(await codes(CHALLENGE, { input: { measureId: measure.id, message: 'x' } }, readOnly)).toEqual(['FORBIDDEN']);
    expect(await codes(THREADS, {}, readOnly)).toEqual(['FORBIDDEN']);
    expect(await codes(CLOSE, { id: thread.id, input: { outcome: 'MEASURES_ADDED', outcomeText: 'x' } }, partnerA)).toEqual(['FORBIDDEN']);

    // A partner's message retried with its Idempotency-Key is written once; the key with another message is refused.
    const key = randomUUID();
    const post = async (body: string) =>
      await graphql(stack.graphqlUrl, POST, { id: thread.id, body }, partnerA, { 'idempotency-key': key });
    const first = await post('運用手順書の改訂版を求めます。');
    expect(first.errors).toBeUndefined();
    expect(await post('運用手順書の改訂版を求めます。')).toEqual(first);
    expect(((await post('別の内容')).errors ?? []).map((e) => e.extensions?.code)).toEqual(['CONFLICT']);

    // Staff answer and close it with its outcome, the service's content, scale and fees noted.
    await ok(POST, { id: thread.id, body: '紛失時の失効手順を追加します。' });
    const closed = (
      await ok(CLOSE, {
        id: thread.id,
        input: {
          outcome: 'MEASURES_ADDED',
          outcomeText: 'キー紛失時の失効手順を措置に追加した。',
          serviceContent: '給与計算',
          serviceScale: '従業員 2,000 名分',
          serviceFees: '月額 30 万円',
        },
      })
    ).closeSafetyMeasureChallenge;
    expect(closed).toEqual({ id: thread.id, status: 'CLOSED', outcome: 'MEASURES_ADDED' });
    const outcome = await webhook('the outcome at A', (d) => d.body.type === 'safety-measures.challenge-closed');
    expect(outcome.body).toMatchObject({
      clientId: a.id,
      article: 'Art 5.3',
      subject: { type: 'SafetyMeasureChallenge', id: thread.id },
      data: { challengeId: thread.id, measureId: measure.id, outcome: 'MEASURES_ADDED' },
    });
    // Closed: no more messages, and none was written.
    expect(await codes(POST, { id: thread.id, body: 'まだ不十分です。' }, partnerA)).toEqual(['CONFLICT']);
    expect((await ok(THREAD, { id: thread.id }, partnerA)).safetyMeasureChallenge.messages).toEqual([
      { side: 'CLIENT', body: 'FIDO2 キーの紛失時の手順が定められていません。' },
      { side: 'CLIENT', body: '運用手順書の改訂版を求めます。' },
      { side: 'OPERATOR', body: '紛失時の失効手順を追加します。' },
    ]);
  });
});
