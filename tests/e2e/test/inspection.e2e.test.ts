/**
 * On-site inspections (Art 13.2–13.5) through the gateway, with the real worker, a real webhook
 * receiver and a real SMTP server: a partner requests one (idempotently); the operator's decline,
 * acceptance, confirmation and charges reach the client as reports; confirmation waits for the
 * signed NDA and the acknowledged rules of entry and exit; no cost before a recorded discussion;
 * another client's partner sees nothing and changes nothing, and a token without the scope is refused.
 */
import { randomUUID } from 'node:crypto';
import { errorCodes, graphql } from '@azukari/testing';
import { startStack, type Stack } from '../src/stack';
import { WebhookReceiver } from '../src/webhook-receiver';
import { createClient, createContract, createPartnerToken, SCOPE, waitUntil } from '../src/flows';
import {
  INSPECTION_MUTATIONS as M,
  INSPECTION_PARTNER_SCOPES,
  inspectionRequest,
  inspectionRows,
  inspectionStep,
  tokyoDay,
} from '../src/inspection-flows';

const SHA_NDA = 'c0ffee'.padEnd(64, '0');
const SHA_RULES = 'e17e7'.padEnd(64, '1');
const ONE = `query ($id: ID!) { inspection(id: $id) { id status } }`;
const LIST = `{ inspections { edges { node { id status } } } }`;

describe('on-site inspections through the gateway', () => {
  let stack: Stack;
  const receivers: WebhookReceiver[] = [];
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
    for (const r of receivers) await r.close();
  });

  /** A client whose reports reach a real webhook receiver and the SMTP server, with a contract and a partner token. */
  const partnerClient = async (name: string) => {
    const receiver = await new WebhookReceiver().start();
    receivers.push(receiver);
    const client = await createClient(stack, name, receiver.url);
    receiver.useSecret(client.webhookSecret!);
    const contractId = await createContract(stack, client.id);
    const token = (await createPartnerToken(stack, client.id, INSPECTION_PARTNER_SCOPES)).token;
    return { ...client, receiver, contractId, token };
  };
  const request = async (contractId: string, token: string) =>
    (await inspectionStep(stack, M.request, inspectionRequest([contractId]), token)).requestInspection as Record<string, any>;
  const reportOfKind = async (receiver: WebhookReceiver, kind: string) =>
    await waitUntil(async () => receiver.reports.find((d) => d.body.type === kind), 20_000, `the ${kind} report at the webhook`);
  const mailOf = async (to: string, reportId: string) =>
    await waitUntil(
      async () => stack.mail.messages.find((m) => m.envelope.to.includes(to) && m.header('x-azukari-report-id') === reportId),
      20_000,
      `the email of report ${reportId}`,
    );

  it('takes a partner request once per Idempotency-Key, and tells the client of a decline with its reason by webhook and by email', async () => {
    const client = await partnerClient('株式会社立入辞退');
    const key = randomUUID();
    const send = async () =>
      await graphql(stack.graphqlUrl, M.request, inspectionRequest([client.contractId]), client.token, { 'idempotency-key': key });
    const first = await send();
    expect(first.errors).toBeUndefined();
    const requested = (first.data as Record<string, any>).requestInspection;
    expect(requested).toMatchObject({ clientId: client.id, status: 'REQUESTED', noticeChannel: 'API', noticeGivenOn: tokyoDay(0) });
    expect(await send()).toEqual(first);
    const id = requested.id as string;
    expect(
      Number(
        (await stack.resources.sql<{ n: number }>('contracts', 'SELECT COUNT(*) AS n FROM inspection WHERE clientId = ?', [client.id]))[0]!
          .n,
      ),
    ).toBe(1);

    // A decline needs a reason 13.2 allows and its explanation; without one nothing is written or told.
    const blank = await stack.request(M.decline, { input: { id, reason: 'IMPEDES_OPERATIONS', explanation: ' ' } });
    expect(errorCodes(blank)).toEqual(['BAD_USER_INPUT']);
    expect((await stack.request(ONE, { id }, client.token)).data).toEqual({ inspection: { id, status: 'REQUESTED' } });

    const declined = (
      await inspectionStep(stack, M.decline, {
        input: { id, reason: 'IMPEDES_OPERATIONS', explanation: '決算期のため、同時期の受入れは業務に支障があります' },
      })
    ).declineInspection;
    expect(declined).toMatchObject({ status: 'DECLINED', declineReason: 'IMPEDES_OPERATIONS' });

    const hook = await reportOfKind(client.receiver, 'inspection.declined');
    expect(hook.body).toMatchObject({
      type: 'inspection.declined',
      clientId: client.id,
      article: 'Art 13.2',
      subject: { type: 'Inspection', id },
      contractIds: [client.contractId],
      data: { inspectionId: id, reason: 'IMPEDES_OPERATIONS' },
    });
    const mail = await mailOf(client.reportEmail, hook.id);
    expect(mail.subject).toContain('第13条第2項');
    expect(mail.subject).toContain('立入検査のお断り');
    expect(mail.text).toContain(id);
    expect(client.receiver.rejected).toEqual([]);
  });

  it('refuses to confirm before the NDA is signed (NDA_REQUIRED) and the rules of entry and exit acknowledged, then confirms and tells the client', async () => {
    const client = await partnerClient('株式会社立入確定');
    const { id } = await request(client.contractId, client.token);
    await inspectionStep(stack, M.accept, { input: { id, scheduledOn: tokyoDay(7) } });
    const accepted = await reportOfKind(client.receiver, 'inspection.accepted');
    expect(accepted.body.data).toEqual({ inspectionId: id, scheduledOn: tokyoDay(7), ndaRequired: true, entryRulesAcknowledged: false });

    const early = await stack.request(M.confirm, { id });
    expect(errorCodes(early)).toEqual(['NDA_REQUIRED']);
    expect((await stack.request(ONE, { id }, client.token)).data).toEqual({ inspection: { id, status: 'ACCEPTED' } });

    const signed = (
      await inspectionStep(
        stack,
        M.recordNda,
        {
          input: {
            id,
            documentSha256: SHA_NDA,
            signedOn: tokyoDay(0),
            signatory: { role: '代表取締役', organization: '株式会社立入確定' },
          },
        },
        client.token,
      )
    ).recordInspectionNda;
    expect(signed.nda).toEqual({ signedOn: tokyoDay(0) });
    expect(errorCodes(await stack.request(M.confirm, { id }))).toEqual(['ENTRY_RULES_ACK_REQUIRED']);
    await inspectionStep(stack, M.acknowledgeEntryRules, { input: { id, rulesSha256: SHA_RULES } }, client.token);

    const confirmed = (await inspectionStep(stack, M.confirm, { id })).confirmInspection;
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', scheduledOn: tokyoDay(7), entryRulesAcknowledgement: { via: 'API' } });
    const hook = await reportOfKind(client.receiver, 'inspection.confirmed');
    expect(hook.body).toMatchObject({
      article: 'Art 13.2',
      data: { inspectionId: id, scheduledOn: tokyoDay(7), ndaSignedOn: tokyoDay(0), entryRulesAcknowledgedOn: tokyoDay(0) },
    });
    expect((await mailOf(client.reportEmail, hook.id)).subject).toContain('立入検査の日程確定');
    // The refused confirmations told the client nothing: two reports, accepted and confirmed, each once.
    await new Promise((r) => setTimeout(r, 500));
    expect(client.receiver.reports.map((d) => d.body.type)).toEqual(['inspection.accepted', 'inspection.confirmed']);
    expect(client.receiver.duplicates).toBe(0);
  });

  it('refuses a cost before the discussion is recorded (COST_DISCUSSION_REQUIRED), writing nothing, then charges it and tells the client', async () => {
    const client = await partnerClient('株式会社立入費用');
    const { id } = await request(client.contractId, client.token);
    await inspectionStep(stack, M.accept, { input: { id, scheduledOn: tokyoDay(14), ndaRequired: false } });
    const charge = { input: { inspectionId: id, description: '想定範囲を超える追加日の立会い', amountJpy: 88_000 } };

    expect(errorCodes(await stack.request(M.charge, charge))).toEqual(['COST_DISCUSSION_REQUIRED']);
    expect(await inspectionRows(stack, 'inspection_cost', id)).toBe(0);
    // A partner cannot record the operator's side.
    expect(errorCodes(await stack.request(M.charge, charge, client.token))).toEqual(['FORBIDDEN']);

    const discussion = (
      await inspectionStep(stack, M.discuss, {
        input: {
          inspectionId: id,
          discussedOn: tokyoDay(0),
          participants: [
            { role: '個人情報保護管理者', organization: '受託者' },
            { role: '監査担当', organization: '委託元' },
          ],
          agreedOutcome: '追加日の費用は委託元が負担する',
        },
      })
    ).recordInspectionCostDiscussion;
    const cost = (await inspectionStep(stack, M.charge, charge)).chargeInspectionCost;
    expect(cost).toEqual({ id: expect.any(String), amountJpy: 88_000, discussionId: discussion.id });
    expect(await inspectionRows(stack, 'inspection_cost', id)).toBe(1);

    const hook = await reportOfKind(client.receiver, 'inspection.cost-charged');
    expect(hook.body).toMatchObject({
      article: 'Art 13.5',
      subject: { type: 'Inspection', id },
      data: { inspectionId: id, costId: cost.id, amountJpy: 88_000, discussionId: discussion.id, discussedOn: tokyoDay(0) },
    });
    expect((await mailOf(client.reportEmail, hook.id)).subject).toContain('第13条第5項');
  });

  it("shows another client's partner nothing and lets it change nothing (NOT_FOUND), and refuses a token without the scope (FORBIDDEN)", async () => {
    const owner = await partnerClient('株式会社立入当事者');
    const stranger = await partnerClient('株式会社立入他社');
    const { id } = await request(owner.contractId, owner.token);

    expect((await stack.request(ONE, { id }, stranger.token)).data).toEqual({ inspection: null });
    expect((await stack.request(LIST, {}, stranger.token)).data?.inspections.edges).toEqual([]);
    const nda = {
      input: { id, documentSha256: SHA_NDA, signedOn: tokyoDay(0), signatory: { role: '役員', organization: '株式会社立入他社' } },
    };
    expect(errorCodes(await stack.request(M.recordNda, nda, stranger.token))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await stack.request(M.acknowledgeEntryRules, { input: { id, rulesSha256: SHA_RULES } }, stranger.token))).toEqual([
      'NOT_FOUND',
    ]);
    expect(errorCodes(await stack.request(M.request, inspectionRequest([owner.contractId]), stranger.token))).toEqual(['NOT_FOUND']);
    expect(
      Number(
        (
          await stack.resources.sql<{ n: number }>('contracts', 'SELECT COUNT(*) AS n FROM inspection WHERE clientId = ?', [stranger.id])
        )[0]!.n,
      ),
    ).toBe(0);

    // Scopes: no inspections:request, no request; a partner never answers for the operator.
    const readOnly = (await createPartnerToken(stack, owner.id, [SCOPE.contractsRead])).token;
    expect(errorCodes(await stack.request(M.request, inspectionRequest([owner.contractId]), readOnly))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await stack.request(M.accept, { input: { id, scheduledOn: tokyoDay(7) } }, owner.token))).toEqual(['FORBIDDEN']);
    const requestOnly = (await createPartnerToken(stack, owner.id, ['INSPECTIONS_REQUEST'])).token;
    expect(errorCodes(await stack.request(LIST, {}, requestOnly))).toEqual(['FORBIDDEN']);

    // The owner's inspection is as it was, and was written once.
    expect((await stack.request(ONE, { id }, owner.token)).data).toEqual({ inspection: { id, status: 'REQUESTED' } });
    expect(await inspectionRows(stack, 'inspection', id)).toBe(1);
    expect(owner.receiver.reports).toEqual([]);
  });
});
