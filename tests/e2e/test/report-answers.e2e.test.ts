/**
 * Reports the client acknowledges and answers, through the gateway with the real worker and a real
 * SMTP server: a partner with reports:ack acknowledges (with an Idempotency-Key) and lists with
 * filters; the email that reaches the receiver carries the recipient's own link; opening the link's
 * page uses nothing up; posting its form records the answer with the recipient's address, and the
 * kind's handler (registered here) gets it; a used, expired or altered link is a page with a stable
 * code and writes nothing; each recipient the notice settings name gets an email and link of its own.
 */
import { SignJWT, decodeJwt } from 'jose';
import { newId } from '@azukari/common';
import { defineReportAnswers, type ReportAnswerKind } from '@azukari/contracts';
import { graphql, type ReceivedMail } from '@azukari/testing';
import { startStack, type Stack } from '../src/stack';
import { createClient, createContract, createPartnerToken, reportIncident, SCOPE, waitUntil } from '../src/flows';
import { answerTokenIn, openAnswerLink, postAnswerLink } from '../src/report-answers-flows';

const REPORTS = `query ($state: ClientReportState, $article: String) { clientReports(first: 100, state: $state, article: $article) {
  edges { node { id subjectId deliveredAt acknowledgedAt answerAwaited answer answersOffered
    answers { answer comment via tokenId recipient at } } } } }`;
const ACK = `mutation ($id: ID!, $comment: String) { acknowledgeClientReport(id: $id, comment: $comment) { id answer via comment } }`;
const REQUESTS = `query ($subjectId: ID) { answerRequests(subjectId: $subjectId) { edges { node { clientId deliveredAt answerAwaited answer } } } }`;
const COUNTS = `{ clientReportOpenCounts { clientId unacknowledged answerAwaited } }`;
const SET_CHANNELS = `mutation ($input: SetReportChannelsInput!) { setReportChannels(input: $input) { recipients } }`;

interface AnswerNode {
  answer: string;
  comment: string | null;
  via: string;
  tokenId: string | null;
  recipient: string | null;
}
interface ReportNode {
  id: string;
  subjectId: string;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
  answerAwaited: boolean;
  answer: string | null;
  answersOffered: string[];
  answers: AnswerNode[];
}

describe('reports the client acknowledges and answers', () => {
  let stack: Stack;
  const handled: { answer: ReportAnswerKind; reportId: string; via: string }[] = [];

  beforeAll(async () => {
    // Incident reports ask for a CHALLENGE in this stack, so that the seam's dispatch is seen end to end.
    const challenges = defineReportAnswers({
      reportKind: 'incident.reported',
      answers: ['CHALLENGE'],
      handle: async (_deps, answer, ctx) => {
        handled.push({ answer, reportId: ctx.report.id, via: ctx.answerer.via });
      },
    });
    stack = await startStack({ reportAnswers: [challenges] });
  });
  afterAll(async () => {
    await stack.close();
  });

  const ok = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await stack.request(query, variables, token);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const reportsOf = async (token: string, variables: Record<string, unknown> = {}): Promise<ReportNode[]> =>
    ((await ok(REPORTS, variables, token)).clientReports.edges as { node: ReportNode }[]).map((e) => e.node);
  const reportOn = async (token: string, incidentId: string, until: (r: ReportNode) => boolean = () => true) =>
    await waitUntil(
      async () => {
        const node = (await reportsOf(token)).find((r) => r.subjectId === incidentId);
        return node && until(node) ? node : null;
      },
      20_000,
      `the report on ${incidentId}`,
    );
  const mailTo = async (address: string, reportId: string): Promise<ReceivedMail> =>
    await waitUntil(
      async () => stack.mail.messages.find((m) => m.envelope.to.includes(address) && m.header('x-azukari-report-id') === reportId),
      20_000,
      `the report email to ${address}`,
    );
  const setup = async (name: string) => {
    const client = await createClient(stack, name);
    const partner = (await createPartnerToken(stack, client.id, [SCOPE.contractsRead, 'REPORTS_ACK'])).token as string;
    const contractId = await createContract(stack, client.id);
    return { client, partner, contractId };
  };

  it('lets a partner with reports:ack acknowledge once per Idempotency-Key and list by state and article; another client and a token without the scope are refused', async () => {
    const { client, partner, contractId } = await setup('株式会社受領確認');
    const incidentId = await reportIncident(stack, [contractId]);
    const report = await reportOn(partner, incidentId);
    expect(report).toMatchObject({ acknowledgedAt: null, answerAwaited: true, answersOffered: ['ACKNOWLEDGE', 'COMMENT', 'CHALLENGE'] });
    expect((await reportsOf(partner, { state: 'UNACKNOWLEDGED' })).map((r) => r.id)).toEqual([report.id]);

    const key = { 'idempotency-key': newId() };
    const first = await graphql(stack.graphqlUrl, ACK, { id: report.id, comment: '受領しました' }, partner, key);
    const retry = await graphql(stack.graphqlUrl, ACK, { id: report.id, comment: '受領しました' }, partner, key);
    expect(first.errors).toBeUndefined();
    expect(retry.data).toEqual(first.data);
    const conflicting = await graphql(stack.graphqlUrl, ACK, { id: report.id, comment: '別の内容' }, partner, key);
    expect(conflicting.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const acknowledged = await reportsOf(partner, { state: 'ACKNOWLEDGED', article: 'Art 7.1' });
    expect(acknowledged.map((r) => r.id)).toEqual([report.id]);
    expect(acknowledged[0]!.answers).toEqual([
      expect.objectContaining({ answer: 'ACKNOWLEDGE', comment: '受領しました', via: 'API', recipient: null }),
    ]);
    expect(await reportsOf(partner, { state: 'UNACKNOWLEDGED' })).toEqual([]);
    expect(await reportsOf(partner, { article: 'Art 5.2' })).toEqual([]);
    // Staff see what is still open per client: the answer is still awaited, though it was acknowledged.
    const counts = (await ok(COUNTS, {})).clientReportOpenCounts as { clientId: string }[];
    expect(counts.find((c) => c.clientId === client.id)).toEqual({ clientId: client.id, unacknowledged: 0, answerAwaited: 1 });

    const stranger = (await setup('Stranger KK')).partner;
    const theirs = await stack.request(ACK, { id: report.id }, stranger);
    expect(theirs.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const readOnly = (await createPartnerToken(stack, client.id, [SCOPE.contractsRead])).token as string;
    const forbidden = await stack.request(ACK, { id: report.id }, readOnly);
    expect(forbidden.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await reportOn(partner, incidentId)).answers).toHaveLength(1);
  });

  it("answers through the email's link: the page shows the report and uses nothing up; the post records the recipient's answer once", async () => {
    const { client, partner, contractId } = await setup('Link Answer KK');
    const incidentId = await reportIncident(stack, [contractId]);
    const report = await reportOn(partner, incidentId, (r) => r.deliveredAt !== null);
    const mail = await mailTo(client.reportEmail, report.id);
    const token = answerTokenIn(mail);
    expect(token).not.toBeNull();
    expect(mail.text).toContain('https://api.azukari.test/report-link?token=');
    expect(mail.html).toContain('/report-link?token=');

    // A mail scanner fetches it first, twice: nothing is used up or written.
    for (let i = 0; i < 2; i++) {
      const page = await openAnswerLink(stack, token!);
      expect(page.status).toBe(200);
      expect(page.html).toContain(report.id);
      expect(page.html).toContain(incidentId);
      expect(page.html).toContain('value="CHALLENGE"');
      expect(page.html).toContain('<form method="post"');
      expect(page.html).not.toContain('<script');
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'.*form-action 'self'/);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect((await reportOn(partner, incidentId)).answers).toEqual([]);

    const answered = await postAnswerLink(stack, token!, { answer: 'CHALLENGE', comment: '<b>協議を</b> & 再検討を' });
    expect(answered.status).toBe(200);
    expect(answered.html).toContain(report.id);
    const after = await reportOn(partner, incidentId);
    expect(after).toMatchObject({ answer: 'CHALLENGE', answerAwaited: false, acknowledgedAt: expect.any(String) });
    expect(after.answers).toEqual([
      expect.objectContaining({
        answer: 'CHALLENGE',
        comment: '<b>協議を</b> & 再検討を',
        via: 'EMAIL_LINK',
        tokenId: null,
        recipient: client.reportEmail,
      }),
    ]);
    expect(handled).toContainEqual({ answer: 'CHALLENGE', reportId: report.id, via: 'EMAIL_LINK' });
    expect((await ok(REQUESTS, { subjectId: incidentId }, partner)).answerRequests.edges).toEqual([
      { node: { clientId: client.id, deliveredAt: report.deliveredAt, answerAwaited: false, answer: 'CHALLENGE' } },
    ]);

    // Used: the page and the post both say so, and nothing more is written.
    const reused = await postAnswerLink(stack, token!, { answer: 'ACKNOWLEDGE' });
    expect([reused.status, reused.code]).toEqual([409, 'LINK_USED']);
    expect((await openAnswerLink(stack, token!)).code).toBe('LINK_USED');
    expect((await reportOn(partner, incidentId)).answers).toHaveLength(1);
  });

  it('refuses an altered and an expired link, and an answer the kind does not offer, with a page and a stable code, writing nothing', async () => {
    const { client, partner, contractId } = await setup('Refused Link KK');
    const incidentId = await reportIncident(stack, [contractId]);
    const report = await reportOn(partner, incidentId, (r) => r.deliveredAt !== null);
    const token = answerTokenIn(await mailTo(client.reportEmail, report.id))!;

    const claims = decodeJwt(token);
    const [header, , signature] = token.split('.') as [string, string, string];
    const altered = `${header}.${Buffer.from(JSON.stringify({ ...claims, email: 'someone@else.example' })).toString('base64url')}.${signature}`;
    const expired = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(stack.contracts.deps.config.reportLinkKey);

    for (const [bad, status, code] of [
      [altered, 400, 'LINK_INVALID'],
      ['garbage', 400, 'LINK_INVALID'],
      [expired, 410, 'LINK_EXPIRED'],
    ] as const) {
      const page = await openAnswerLink(stack, bad);
      expect([page.status, page.code]).toEqual([status, code]);
      expect(page.html).toContain('lang="en"');
      const post = await postAnswerLink(stack, bad, { answer: 'ACKNOWLEDGE' });
      expect([post.status, post.code]).toEqual([status, code]);
    }
    const notOffered = await postAnswerLink(stack, token, { answer: 'CONSENT' });
    expect([notOffered.status, notOffered.code]).toEqual([400, 'ANSWER_NOT_OFFERED']);
    const noWords = await postAnswerLink(stack, token, { answer: 'COMMENT', comment: '  ' });
    expect([noWords.status, noWords.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(await reportOn(partner, incidentId)).toMatchObject({ answers: [], acknowledgedAt: null });
    // The link itself is still good: nothing used it up.
    expect((await openAnswerLink(stack, token)).status).toBe(200);
  });

  it('sends each recipient named in the notice settings an email with a link of its own, and records who answered', async () => {
    const { client, partner, contractId } = await setup('Recipients KK');
    const settings = (await createPartnerToken(stack, client.id, [SCOPE.contractsRead, SCOPE.webhooksWrite])).token as string;
    const recipients = ['ciso@recipients.example.jp', 'dpo@recipients.example.jp'];
    await ok(SET_CHANNELS, { input: { kind: 'incident.reported', email: true, webhook: false, recipients } }, settings);
    const incidentId = await reportIncident(stack, [contractId]);
    const report = await reportOn(partner, incidentId, (r) => r.deliveredAt !== null);
    const [ciso, dpo] = await Promise.all(recipients.map(async (to) => await mailTo(to, report.id)));
    expect(stack.mail.messages.filter((m) => m.envelope.to.includes(client.reportEmail))).toEqual([]);
    const tokens = [answerTokenIn(ciso!)!, answerTokenIn(dpo!)!];
    expect(tokens[0]).not.toBe(tokens[1]);
    // Two messages that differ by their links: each its own Message-ID, both naming the report.
    expect(ciso!.messageId).toMatch(new RegExp(`^<${report.id}\\.[0-9a-f]{16}@`));
    expect(dpo!.messageId).toMatch(new RegExp(`^<${report.id}\\.[0-9a-f]{16}@`));
    expect(ciso!.messageId).not.toBe(dpo!.messageId);

    expect((await postAnswerLink(stack, tokens[1]!, { answer: 'ACKNOWLEDGE', comment: 'DPO 確認' })).status).toBe(200);
    expect((await postAnswerLink(stack, tokens[0]!, { answer: 'COMMENT', comment: 'CISO より' })).status).toBe(200);
    const answers = (await reportOn(partner, incidentId)).answers;
    expect(answers.map((a) => [a.answer, a.recipient, a.comment])).toEqual([
      ['ACKNOWLEDGE', 'dpo@recipients.example.jp', 'DPO 確認'],
      ['COMMENT', 'ciso@recipients.example.jp', 'CISO より'],
    ]);
  });
});
