/**
 * The first flow along DESIGN.md's path: reportIncident -> incidents outbox -> relay -> contracts
 * records a ClientReport per affected client and writes a delivery -> relay -> worker delivers a
 * signed webhook -> the outcome is recorded on the report.
 */
import { startStack, type Stack } from '../src/stack';
import { WebhookReceiver } from '../src/webhook-receiver';
import { createClient, createContract, createPartnerToken, reportIncident, SCOPE, waitUntil } from '../src/flows';

const REPORTS = `query ($c: ID, $delivered: Boolean, $overdue: Boolean) {
  clientReports(clientId: $c, delivered: $delivered, overdue: $overdue) {
    edges { node { id clientId kind article subjectType subjectId contractIds deliveryStatus attempts lastResponseStatus dueAt deliveredAt overdue } }
  }
}`;

describe('incident reported to every affected client', () => {
  let stack: Stack;
  const receivers: WebhookReceiver[] = [];
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
    for (const r of receivers) await r.close();
  });

  it('delivers one signed report per affected client and records it as DELIVERED', async () => {
    const endpointA = await new WebhookReceiver().start();
    const endpointB = await new WebhookReceiver().start();
    receivers.push(endpointA, endpointB);
    const a = await createClient(stack, 'Outbox A', endpointA.url);
    const b = await createClient(stack, 'Outbox B', endpointB.url);
    const noHook = await createClient(stack, 'Outbox C (no webhook)');
    endpointA.useSecret(a.webhookSecret!);
    endpointB.useSecret(b.webhookSecret!);
    const [a1, a2, b1, c1] = [
      await createContract(stack, a.id),
      await createContract(stack, a.id),
      await createContract(stack, b.id),
      await createContract(stack, noHook.id),
    ];

    const incidentId = await reportIncident(stack, [a1, a2, b1, c1]);

    const [toA] = await endpointA.waitFor(1);
    const [toB] = await endpointB.waitFor(1);
    expect(toA!.body).toMatchObject({
      type: 'incident.reported',
      clientId: a.id,
      article: 'Art 7.1',
      subject: { type: 'Incident', id: incidentId },
      contractIds: [a1, a2],
      data: { incidentId, kind: 'LEAKAGE' },
    });
    expect(toB!.body).toMatchObject({ clientId: b.id, contractIds: [b1], data: { incidentId } });
    // Each client hears of its own contracts only.
    expect(JSON.stringify(toA!.body)).not.toContain(b1);
    expect(JSON.stringify(toB!.body)).not.toContain(a1);
    expect(toA!.id).toBe(toA!.body.reportId);
    expect(JSON.stringify(toA!.body)).not.toMatch(/laptop/);
    expect(endpointA.rejected).toEqual([]);

    const delivered = await waitUntil(
      async () => {
        const res = await stack.request(REPORTS, { c: a.id });
        const node = res.data?.clientReports.edges[0]?.node;
        return node?.deliveryStatus === 'DELIVERED' ? node : null;
      },
      20_000,
      'the report to be recorded as delivered',
    );
    expect(delivered).toMatchObject({
      id: toA!.id,
      kind: 'incident.reported',
      article: 'Art 7.1',
      subjectType: 'Incident',
      subjectId: incidentId,
      contractIds: [a1, a2],
      overdue: false,
    });
    // Art 7.1's "immediately", as Azukari reads it: due a quarter of an hour after the incident was recorded.
    expect(Date.parse(delivered.dueAt) - Date.parse(delivered.deliveredAt)).toBeGreaterThan(14 * 60_000);
    expect(Date.parse(delivered.dueAt) - Date.parse(delivered.deliveredAt)).toBeLessThanOrEqual(15 * 60_000);
    const onTime = await stack.request(REPORTS, { c: a.id, delivered: true, overdue: false });
    expect(onTime.data?.clientReports.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([toA!.id]);
    expect((await stack.request(REPORTS, { c: a.id, overdue: true })).data?.clientReports.edges).toEqual([]);
    expect((await stack.request(REPORTS, { c: a.id, delivered: false })).data?.clientReports.edges).toEqual([]);

    // C has no webhook: it is told by email, to its report address, and the report says so.
    const mails = await stack.mail.waitFor(3);
    const toC = mails.find((m) => m.envelope.to.includes(noHook.reportEmail));
    expect(toC).toBeDefined();
    const forC = await waitUntil(
      async () => {
        const node = (await stack.request(REPORTS, { c: noHook.id })).data?.clientReports.edges[0]?.node;
        return node?.deliveryStatus === 'DELIVERED' ? node : null;
      },
      20_000,
      'the report to C to be delivered by email',
    );
    expect(forC).toMatchObject({ id: toC!.header('x-azukari-report-id'), subjectId: incidentId, contractIds: [c1] });
    expect(toC!.text).toContain(incidentId);
    expect(toC!.text).not.toContain(a1);
  });

  it('lets a partner see the reports made to its own client only', async () => {
    // Both clients' reports come from this test's own incident, so the check does not rest on rows
    // an earlier test left behind.
    const endpoint = await new WebhookReceiver().start();
    receivers.push(endpoint);
    const own = await createClient(stack, 'Outbox Partner', endpoint.url);
    const other = await createClient(stack, 'Outbox Partner (other client)');
    endpoint.useSecret(own.webhookSecret!);
    await reportIncident(stack, [await createContract(stack, own.id), await createContract(stack, other.id)]);
    const [toOwn] = await endpoint.waitFor(1);
    const otherReport = await waitUntil(
      async () => (await stack.request(REPORTS, { c: other.id })).data?.clientReports.edges[0]?.node,
      20_000,
      "the other client's report",
    );
    const { token } = await createPartnerToken(stack, own.id, [SCOPE.contractsRead]);

    const everything = await stack.request(REPORTS, { c: null }, token);
    const asked = await stack.request(REPORTS, { c: other.id }, token);

    expect(everything.errors).toBeUndefined();
    const seen = everything.data?.clientReports.edges.map((e: { node: { id: string; clientId: string } }) => e.node);
    expect(seen).toEqual([expect.objectContaining({ id: toOwn!.id, clientId: own.id })]);
    expect(seen.map((report: { id: string }) => report.id)).not.toContain(otherReport.id);
    expect(asked.errors).toBeUndefined();
    expect(asked.data?.clientReports.edges).toEqual([]);
  });
});
