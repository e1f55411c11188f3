/**
 * Fault test on a Redis of its own that is down before the stack starts and was never up: writes
 * succeed at once (they used to stall 50 s behind the relay's claim, waiting for a queue that
 * could not open), each report reaches the client once Redis starts, and with Redis gone again
 * the whole stack shuts down promptly.
 */
import { OwnRedisServer } from '@azukari/testing';
import { startStack, type Stack } from '../src/stack';
import { WebhookReceiver } from '../src/webhook-receiver';
import { createClient, createContract, reportIncident } from '../src/flows';

/** Generous: a write answers in milliseconds; the stall this guards against lasted 50 s. */
const BOUND_MS = 10_000;

const within = async <T>(what: string, work: Promise<T>, ms = BOUND_MS): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

describe('Redis down from a cold start', () => {
  let redis: OwnRedisServer;
  let stack: Stack | null = null;
  let endpoint: WebhookReceiver;

  beforeAll(async () => {
    redis = await OwnRedisServer.reserve();
    endpoint = await new WebhookReceiver().start();
    stack = await startStack({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await stack?.close();
    await endpoint.close();
    await redis.down();
  });

  it('takes every write at once, delivers each report once Redis starts, and shuts down promptly once it is gone', async () => {
    const s = stack!;
    const client = await within('createClient', createClient(s, 'Cold Start KK', endpoint.url));
    endpoint.useSecret(client.webhookSecret!);
    const contractId = await within('createContract', createContract(s, client.id));

    // Several at once, as the first minutes of a real incident might bring; each one on its own
    // bound, so that one stalled write fails the test however the others fare.
    const incidentIds = await Promise.all([1, 2, 3, 4, 5].map((n) => within(`reportIncident ${n}`, reportIncident(s, [contractId]))));
    // And one after those: the one that used to wait behind the relay's claim.
    incidentIds.push(await within('a later reportIncident', reportIncident(s, [contractId])));
    expect(new Set(incidentIds).size).toBe(6);
    const listed = await within(
      'incidents',
      s.request<{ incidents: { edges: { node: { id: string } }[] } }>(`query { incidents(first: 50) { edges { node { id } } } }`),
    );
    expect(listed.errors).toBeUndefined();
    expect(new Set(listed.data!.incidents.edges.map((e) => e.node.id))).toEqual(new Set(incidentIds));
    expect(endpoint.deliveries).toEqual([]);

    await redis.up();
    await endpoint.waitFor(incidentIds.length, 60_000);
    // Whatever was redelivered while the queues came up counts once, by webhook-id.
    await new Promise((r) => setTimeout(r, 2_000));
    const reported = endpoint.reports.map((r) => (r.body as { data: { incidentId: string } }).data.incidentId);
    expect(reported.sort()).toEqual([...incidentIds].sort());

    await redis.down();
    await within('closing the stack with Redis gone', s.close());
    stack = null;
  });
});
