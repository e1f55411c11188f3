/**
 * Reports reach clients the way they chose, through the gateway, with the real worker, a real SMTP
 * server and real webhook receivers: by email in the client's language; by the endpoints a
 * partner manages, signed during a secret rotation by both secrets; an endpoint that answers 410 is
 * disabled and the client told by email; an address the SSRF check refuses fails at once, is set
 * aside, and is redelivered on request once the partner points the endpoint somewhere reachable.
 */
import { startStack, type Stack } from '../src/stack';
import { WebhookReceiver } from '../src/webhook-receiver';
import { createClient, createContract, createPartnerToken, reportIncident, SCOPE, waitUntil } from '../src/flows';

const REPORTS = `query ($c: ID) { clientReports(clientId: $c) { edges { node { id subjectId deliveryStatus
  deliveries { id channel target status attempts lastError attemptLog { attempt outcome responseStatus error } } } } } }`;
const CREATE_ENDPOINT = `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id } } }`;
const UPDATE_ENDPOINT = `mutation ($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { id url enabled } }`;
const ROTATE = `mutation ($input: RotateWebhookSecretInput!) { rotateWebhookEndpointSecret(input: $input) { secret } }`;
const ENDPOINTS = `{ webhookEndpoints { edges { node { id enabled disabledReason } } } }`;
const FAILED = `{ clientReportDeliveries(status: FAILED) { edges { node { id reportId channel target } } } }`;
const REDELIVER = `mutation ($id: ID!) { redeliverClientReport(id: $id) { id deliveryStatus } }`;
const SET_CHANNELS = `mutation ($input: SetReportChannelsInput!) { setReportChannels(input: $input) { kind } }`;

interface DeliveryNode {
  id: string;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  lastError: string | null;
  attemptLog: { attempt: number; outcome: string; responseStatus: number | null; error: string | null }[];
}
interface ReportNode {
  id: string;
  subjectId: string;
  deliveryStatus: string;
  deliveries: DeliveryNode[];
}

describe('delivery by the channels each client chose', () => {
  let stack: Stack;
  const receivers: WebhookReceiver[] = [];
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
    for (const r of receivers) await r.close();
  });

  const ok = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await stack.request(query, variables, token);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const reportOn = async (clientId: string, incidentId: string, until: (r: ReportNode) => boolean, what: string, token?: string) =>
    await waitUntil(
      async () => {
        const edges = ((await stack.request(REPORTS, { c: clientId }, token)).data?.clientReports.edges ?? []) as { node: ReportNode }[];
        const node = edges.find((e) => e.node.subjectId === incidentId)?.node;
        return node && until(node) ? node : null;
      },
      20_000,
      what,
    );
  const partnerOf = async (clientId: string) =>
    (await createPartnerToken(stack, clientId, [SCOPE.contractsRead, SCOPE.webhooksWrite])).token as string;

  it('tells a client with only an email address every report by email, in its own language', async () => {
    const ja = await createClient(stack, '株式会社メール通知');
    const en = await createClient(stack, 'Mail Only Ltd', undefined, 'EN');
    const incidentId = await reportIncident(stack, [await createContract(stack, ja.id), await createContract(stack, en.id)]);

    const toJa = await waitUntil(
      async () => stack.mail.messages.find((m) => m.envelope.to.includes(ja.reportEmail)),
      20_000,
      'the mail to the Japanese client',
    );
    const toEn = await waitUntil(
      async () => stack.mail.messages.find((m) => m.envelope.to.includes(en.reportEmail)),
      20_000,
      'the mail to the English client',
    );
    expect(toJa.subject).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(toJa.text).toContain(incidentId);
    expect(toJa.html).toContain('lang="ja"');
    expect(toEn.subject).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(toEn.html).toContain('lang="en"');
    // Each hears of its own report, with no other client's name in it.
    expect(toJa.text).not.toContain('Mail Only Ltd');
    expect(toEn.text).not.toContain('株式会社メール通知');

    const report = await reportOn(ja.id, incidentId, (r) => r.deliveryStatus === 'DELIVERED', 'the email to be recorded');
    expect(report.id).toBe(toJa.header('x-azukari-report-id'));
    expect(report.deliveries).toEqual([
      expect.objectContaining({
        channel: 'EMAIL',
        target: ja.reportEmail,
        status: 'DELIVERED',
        attempts: 1,
        attemptLog: [expect.objectContaining({ attempt: 1, outcome: 'DELIVERED', responseStatus: 250 })],
      }),
    ]);
    expect(stack.mail.countBy('x-azukari-report-id').get(report.id)).toBe(1);
  });

  it('lets a partner manage its endpoints: both secrets sign while a rotation overlaps, and a 410 disables the endpoint and is told by email', async () => {
    const client = await createClient(stack, 'Endpoint Partner KK');
    const token = await partnerOf(client.id);
    await ok(SET_CHANNELS, { input: { kind: '*', email: false, webhook: true } }, token);
    const endpoint = await new WebhookReceiver().start();
    receivers.push(endpoint);
    const created = (await ok(CREATE_ENDPOINT, { input: { url: endpoint.url, kinds: ['incident.reported'] } }, token))
      .createWebhookEndpoint;
    // The receiver still holds the old secret: the overlap lets it verify what is signed after the rotation.
    endpoint.useSecret(created.secret);
    const rotated = (await ok(ROTATE, { input: { id: created.endpoint.id, overlapMinutes: 60 } }, token)).rotateWebhookEndpointSecret;
    expect(rotated.secret).not.toBe(created.secret);
    const contractId = await createContract(stack, client.id);
    const first = await reportIncident(stack, [contractId]);
    const [delivered] = await endpoint.waitFor(1);
    expect(delivered!.body).toMatchObject({ subject: { id: first } });
    expect(endpoint.rejected).toEqual([]);

    endpoint.answerNext(410);
    const second = await reportIncident(stack, [contractId]);
    const gone = await reportOn(client.id, second, (r) => r.deliveryStatus === 'FAILED', 'the 410 to be recorded', token);
    expect(gone.deliveries).toEqual([
      expect.objectContaining({
        channel: 'WEBHOOK',
        status: 'FAILED',
        attempts: 1,
        attemptLog: [expect.objectContaining({ outcome: 'GONE', responseStatus: 410 })],
      }),
    ]);
    expect((await ok(ENDPOINTS, {}, token)).webhookEndpoints.edges).toEqual([
      { node: { id: created.endpoint.id, enabled: false, disabledReason: 'it answered 410 Gone' } },
    ]);
    const notice = await waitUntil(
      async () => stack.mail.messages.find((m) => m.envelope.to.includes(client.reportEmail)),
      20_000,
      'the notice of the disabled endpoint',
    );
    expect(notice.text).toContain(endpoint.url.replace(/^http:\/\//, '').split('/')[0]);
    // It names the report whose delivery met the 410, for the partner to redeliver.
    expect(notice.text).toContain(gone.id);
    // Later reports no longer go to it: by email instead, as no endpoint takes them now.
    const third = await reportIncident(stack, [contractId]);
    const byMail = await reportOn(client.id, third, (r) => r.deliveryStatus === 'DELIVERED', 'the next report by email', token);
    expect(byMail.deliveries.map((d) => d.channel)).toEqual(['EMAIL']);
  });

  it('refuses an endpoint on a private address at once, sets the delivery aside, and redelivers it on request', async () => {
    const client = await createClient(stack, 'SSRF Partner KK');
    const token = await partnerOf(client.id);
    await ok(SET_CHANNELS, { input: { kind: '*', email: false, webhook: true } }, token);
    const metadata = (await ok(CREATE_ENDPOINT, { input: { url: 'https://169.254.169.254/latest/meta-data/' } }, token))
      .createWebhookEndpoint;
    const database = (await ok(CREATE_ENDPOINT, { input: { url: 'http://127.0.0.1:3306/' } }, token)).createWebhookEndpoint;
    const incidentId = await reportIncident(stack, [await createContract(stack, client.id)]);

    const refused = await reportOn(client.id, incidentId, (r) => r.deliveryStatus === 'FAILED', 'both deliveries to be refused', token);
    expect(refused.deliveries.map((d) => [d.target, d.status, d.attempts])).toEqual(
      expect.arrayContaining([
        ['https://169.254.169.254/latest/meta-data/', 'FAILED', 1],
        ['http://127.0.0.1:3306/', 'FAILED', 1],
      ]),
    );
    for (const d of refused.deliveries) expect(d.lastError).toMatch(/^refused: DNS lookup .* is not allowed/);
    const setAside = (await ok(FAILED, {}, token)).clientReportDeliveries.edges.map((e: { node: { reportId: string } }) => e.node.reportId);
    expect(setAside).toEqual([refused.id, refused.id]);

    // The partner points one endpoint at its real receiver, removes the other, and asks again.
    const endpoint = await new WebhookReceiver().start();
    receivers.push(endpoint);
    endpoint.useSecret(database.secret);
    await ok(UPDATE_ENDPOINT, { id: database.endpoint.id, input: { url: endpoint.url } }, token);
    await ok(UPDATE_ENDPOINT, { id: metadata.endpoint.id, input: { enabled: false } }, token);
    expect((await ok(REDELIVER, { id: refused.id }, token)).redeliverClientReport).toEqual({ id: refused.id, deliveryStatus: 'PENDING' });
    const [redelivered] = await endpoint.waitFor(1);
    expect(redelivered!.id).toBe(refused.id);
    const done = await reportOn(client.id, incidentId, (r) => r.deliveryStatus === 'DELIVERED', 'the redelivery to be recorded', token);
    expect(done.deliveries.map((d) => d.status).sort()).toEqual(['DELIVERED', 'FAILED', 'REDELIVERED']);
  });
});
