/**
 * Fault test on a Redis of its own (never the shared one): with Redis stopped, an incident is
 * still saved; once Redis is back, the client's endpoint gets the report, counted once.
 */
import { OwnRedisServer } from '@azukari/testing';
import { startStack, type Stack } from '../src/stack';
import { WebhookReceiver } from '../src/webhook-receiver';
import { createClient, createContract, reportIncident, waitUntil } from '../src/flows';

describe('Redis outage', () => {
  let redis: OwnRedisServer;
  let stack: Stack;
  let endpoint: WebhookReceiver;

  beforeAll(async () => {
    redis = await OwnRedisServer.start();
    stack = await startStack({ redisUrl: redis.url });
    endpoint = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await stack.close();
    await endpoint.close();
    await redis.down();
  });

  it('keeps the incident while Redis is down and delivers its report once Redis is back', async () => {
    const client = await createClient(stack, 'Outage KK', endpoint.url);
    endpoint.useSecret(client.webhookSecret!);
    const contractId = await createContract(stack, client.id);

    await redis.down();
    const incidentId = await reportIncident(stack, [contractId]);
    const saved = await stack.request(`query ($id: ID!) { incident(id: $id) { id status contracts { id } } }`, { id: incidentId });
    expect(saved.data?.incident).toEqual({ id: incidentId, status: 'OPEN', contracts: [{ id: contractId }] });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(endpoint.deliveries).toEqual([]);

    await redis.up();
    const [report] = await endpoint.waitFor(1, 30_000);
    expect(report!.body).toMatchObject({ type: 'incident.reported', clientId: client.id, data: { incidentId } });
    await waitUntil(
      async () =>
        (await stack.request(`query ($c: ID) { clientReports(clientId: $c) { edges { node { deliveryStatus } } } }`, { c: client.id })).data
          ?.clientReports.edges[0]?.node.deliveryStatus === 'DELIVERED',
      30_000,
      'the report to be recorded as delivered',
    );
    // Counted by webhook-id: whatever was redelivered during recovery is one report.
    expect(endpoint.reports).toHaveLength(1);
    expect(new Set(endpoint.deliveries.map((d) => d.id))).toEqual(new Set([report!.id]));
  });
});
