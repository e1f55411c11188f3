/**
 * Re-entrustment through the gateway, with the real worker, a real SMTP server and a real webhook
 * receiver: the proposal (Art 6.1) reaches the client by webhook and by email with the
 * subcontractor's name and address and the part proposed; only the client's partner token with
 * consents:write consents, once (an Idempotency-Key retry gets the first answer); the
 * subcontractor's own report (Art 13.6) reaches the client the same way and is answered with
 * instructions under reports:ack. Another client's partner sees nothing and is answered NOT_FOUND;
 * a token without the scope is FORBIDDEN.
 */
import { createHash, randomUUID } from 'node:crypto';
import { graphql } from '@azukari/testing';
import { startStack, type Stack } from '../src/stack';
import { WebhookReceiver } from '../src/webhook-receiver';
import { createClient, createContract, createPartnerToken, SCOPE, waitUntil } from '../src/flows';
import {
  DECIDE_RE_ENTRUSTMENT,
  INSTRUCT_SUBCONTRACTOR,
  RECORD_SUBCONTRACTOR_REPORT,
  RE_ENTRUSTMENT_SCOPE,
  createSubcontractor,
  proposeReEntrustment,
} from '../src/re-entrustment-flows';

const SUB_NAME = '株式会社𠮷田封入センター';
const SUB_ADDRESS = '大阪府大阪市北区梅田3-3-3 梅田ビル5階';
const PART = '給与明細の印刷・封入・発送';
const DOCUMENT = createHash('sha256').update('再委託承諾書（署名済み）').digest('hex');

const CONTRACT = `query ($id: ID!) { contract(id: $id) { id reEntrustments { id status dataMayFlow subcontractor { name address }
  complianceReports { id instructions { instructions givenVia } } } } }`;
const ONE = `query ($id: ID!) { reEntrustment(id: $id) { id status } }`;
const SUBCONTRACTORS = `{ subcontractors { edges { node { id name } } } }`;

describe('re-entrustment through the gateway', () => {
  let stack: Stack;
  let receiver: WebhookReceiver;
  let client: { id: string; reportEmail: string };
  let contractId: string;
  let subcontractorId: string;
  let reEntrustmentId: string;
  let partner: string;
  let stranger: string;

  beforeAll(async () => {
    stack = await startStack();
    receiver = await new WebhookReceiver().start();
    const created = await createClient(stack, '株式会社委託元', receiver.url);
    receiver.useSecret(created.webhookSecret!);
    client = created;
    contractId = await createContract(stack, client.id);
    subcontractorId = await createSubcontractor(stack, SUB_NAME, SUB_ADDRESS);
    partner = (
      await createPartnerToken(stack, client.id, [SCOPE.contractsRead, RE_ENTRUSTMENT_SCOPE.consentsWrite, RE_ENTRUSTMENT_SCOPE.reportsAck])
    ).token;
    const other = await createClient(stack, '株式会社無関係');
    await createContract(stack, other.id);
    stranger = (
      await createPartnerToken(stack, other.id, [SCOPE.contractsRead, RE_ENTRUSTMENT_SCOPE.consentsWrite, RE_ENTRUSTMENT_SCOPE.reportsAck])
    ).token;
  });
  afterAll(async () => {
    await stack.close();
    await receiver.close();
  });

  const mailTo = async (address: string, reportId: string) =>
    await waitUntil(
      async () => stack.mail.messages.find((m) => m.envelope.to.includes(address) && m.header('x-azukari-report-id') === reportId),
      20_000,
      `the email of report ${reportId}`,
    );
  const webhookOf = async (kind: string) =>
    await waitUntil(async () => receiver.deliveries.find((d) => d.body.type === kind), 20_000, `the webhook of ${kind}`);

  it('tells the client of a proposal in writing, by webhook and email, with the name, address and part', async () => {
    reEntrustmentId = await proposeReEntrustment(stack, contractId, subcontractorId, PART, '2099-12-31');
    const delivered = await webhookOf('re-entrustment.proposed');
    expect(delivered.body).toMatchObject({
      type: 're-entrustment.proposed',
      clientId: client.id,
      article: 'Art 6.1',
      subject: { type: 'ReEntrustment', id: reEntrustmentId },
      contractIds: [contractId],
      data: {
        reEntrustmentId,
        contractId,
        subcontractorId,
        subcontractorName: SUB_NAME,
        subcontractorAddress: SUB_ADDRESS,
        part: PART,
        answerBy: '2099-12-31',
      },
    });
    const mail = await mailTo(client.reportEmail, delivered.id);
    for (const fact of [SUB_NAME, SUB_ADDRESS, PART, reEntrustmentId]) {
      expect(mail.text).toContain(fact);
      expect(mail.html).toContain(fact);
    }
    expect(mail.subject).toContain('再委託');
  });

  it("lets only the client's own partner with consents:write consent, once, and then shows it on the contract", async () => {
    const consent = { reEntrustmentId, decision: 'CONSENT', documentSha256: DOCUMENT, signedBy: '取締役 総務部長' };
    // Another client's partner: the proposal reads as missing, and so does the subcontractor.
    expect((await stack.request(ONE, { id: reEntrustmentId }, stranger)).data?.reEntrustment).toBeNull();
    expect((await stack.request(SUBCONTRACTORS, {}, stranger)).data?.subcontractors.edges).toEqual([]);
    expect((await stack.request(DECIDE_RE_ENTRUSTMENT, { input: consent }, stranger)).errors?.map((e) => e.extensions?.code)).toEqual([
      'NOT_FOUND',
    ]);
    // The client's own token without consents:write.
    const readOnly = (await createPartnerToken(stack, client.id, [SCOPE.contractsRead])).token;
    expect((await stack.request(DECIDE_RE_ENTRUSTMENT, { input: consent }, readOnly)).errors?.map((e) => e.extensions?.code)).toEqual([
      'FORBIDDEN',
    ]);
    // No written document: refused, nothing changed.
    expect(
      (await stack.request(DECIDE_RE_ENTRUSTMENT, { input: { ...consent, documentSha256: null } }, partner)).errors?.map(
        (e) => e.extensions?.code,
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect((await stack.request(ONE, { id: reEntrustmentId }, partner)).data?.reEntrustment).toEqual({
      id: reEntrustmentId,
      status: 'PROPOSED',
    });

    // The proposal's report awaits the client's answer until the decision, which is that answer.
    const awaiting = async () =>
      (
        await stack.request(
          `query ($clientId: ID) { clientReports(clientId: $clientId, state: ANSWER_AWAITED) { edges { node { subjectId answer } } } }`,
          { clientId: client.id },
        )
      ).data?.clientReports.edges.map((e: { node: unknown }) => e.node);
    expect(await awaiting()).toEqual([{ subjectId: reEntrustmentId, answer: null }]);
    const transfer = async () =>
      (
        await stack.request(
          `query ($contractId: ID!, $subcontractorId: ID) { contractDecision(contractId: $contractId, action: TRANSFER_TO_SUBCONTRACTOR,
             purpose: "payroll processing", subcontractorId: $subcontractorId) { allowed refusal } }`,
          { contractId, subcontractorId },
          partner,
        )
      ).data?.contractDecision;
    expect(await transfer()).toEqual({ allowed: false, refusal: 'CONSENT_REQUIRED' });

    const key = randomUUID();
    const decide = async (input: Record<string, unknown>) =>
      await graphql(stack.graphqlUrl, DECIDE_RE_ENTRUSTMENT, { input }, partner, { 'idempotency-key': key });
    const first = await decide(consent);
    expect(first.errors).toBeUndefined();
    expect(first.data!.decideReEntrustment).toEqual({
      id: reEntrustmentId,
      status: 'CONSENTED',
      dataMayFlow: true,
      decision: { decision: 'CONSENT', via: 'API', documentSha256: DOCUMENT, signedBy: '取締役 総務部長' },
    });
    // A retry with the same key is the first answer, not a second decision (which would be CONFLICT).
    expect(await decide(consent)).toEqual(first);
    expect(
      (await stack.request(DECIDE_RE_ENTRUSTMENT, { input: { ...consent, decision: 'REFUSE' } }, partner)).errors?.map(
        (e) => e.extensions?.code,
      ),
    ).toEqual(['CONFLICT']);
    expect(await awaiting()).toEqual([]);
    expect(await transfer()).toEqual({ allowed: true, refusal: null });

    expect((await stack.request(CONTRACT, { id: contractId }, partner)).data?.contract.reEntrustments).toEqual([
      {
        id: reEntrustmentId,
        status: 'CONSENTED',
        dataMayFlow: true,
        subcontractor: { name: SUB_NAME, address: SUB_ADDRESS },
        complianceReports: [],
      },
    ]);
  });

  it("forwards the subcontractor's report to the client by webhook and email, and records the client's instructions", async () => {
    const recorded = await stack.request(RECORD_SUBCONTRACTOR_REPORT, {
      input: { subcontractorId, receivedOn: '2026-04-01', summary: '年次自己点検の結果: 重大な不備なし', documentSha256: DOCUMENT },
    });
    expect(recorded.errors).toBeUndefined();
    const [report] = recorded.data!.recordSubcontractorReport as { id: string; reEntrustmentId: string }[];
    expect(report!.reEntrustmentId).toBe(reEntrustmentId);

    const delivered = await webhookOf('subcontractor.compliance-reported');
    expect(delivered.body).toMatchObject({
      article: 'Art 13.6',
      subject: { type: 'SubcontractorComplianceReport', id: report!.id },
      data: {
        subcontractorName: SUB_NAME,
        summary: '年次自己点検の結果: 重大な不備なし',
        documentSha256: DOCUMENT,
        receivedOn: '2026-04-01',
      },
    });
    const mail = await mailTo(client.reportEmail, delivered.id);
    expect(mail.text).toContain('年次自己点検の結果: 重大な不備なし');
    expect(mail.text).toContain(SUB_NAME);

    const instruct = { reportId: report!.id, instructions: '入退室管理の改善計画を提出させてください' };
    expect((await stack.request(INSTRUCT_SUBCONTRACTOR, { input: instruct }, stranger)).errors?.map((e) => e.extensions?.code)).toEqual([
      'NOT_FOUND',
    ]);
    const noAck = (await createPartnerToken(stack, client.id, [SCOPE.contractsRead, RE_ENTRUSTMENT_SCOPE.consentsWrite])).token;
    expect((await stack.request(INSTRUCT_SUBCONTRACTOR, { input: instruct }, noAck)).errors?.map((e) => e.extensions?.code)).toEqual([
      'FORBIDDEN',
    ]);
    const given = await stack.request(INSTRUCT_SUBCONTRACTOR, { input: instruct }, partner);
    expect(given.errors).toBeUndefined();
    expect(given.data!.instructSubcontractor).toMatchObject({ reportId: report!.id, givenVia: 'API' });
    // The instructions are the answer the forwarded report asked for.
    const forwarded = await stack.request(
      `query ($clientId: ID) { clientReports(clientId: $clientId, article: "Art 13.6") { edges { node { id answer answerAwaited } } } }`,
      { clientId: client.id },
    );
    expect(forwarded.data?.clientReports.edges).toEqual([{ node: { id: delivered.id, answer: 'INSTRUCT', answerAwaited: false } }]);
    expect((await stack.request(CONTRACT, { id: contractId }, partner)).data?.contract.reEntrustments[0].complianceReports).toEqual([
      { id: report!.id, instructions: [{ instructions: instruct.instructions, givenVia: 'API' }] },
    ]);
    // The other client's partner sees none of it.
    expect((await stack.request(ONE, { id: reEntrustmentId }, stranger)).data?.reEntrustment).toBeNull();
  });
});
