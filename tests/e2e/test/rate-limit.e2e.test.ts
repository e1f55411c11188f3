/** Each token has a request budget per minute, shared by every gateway through Redis. */
import { errorCodes } from '@azukari/testing';
import { startStack, type Stack } from '../src/stack';
import { createClient, createPartnerToken, SCOPE } from '../src/flows';

describe('rate limit per token', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ requestsPerMinute: 5 });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answers RATE_LIMITED with HTTP 429 and a retry time once a token has spent its budget, and not other tokens', async () => {
    // The admin token spends 2 of its 5 requests here.
    const client = await createClient(stack, 'Rate KK');
    const { token } = await createPartnerToken(stack, client.id, [SCOPE.contractsRead]);
    for (let i = 0; i < 5; i += 1) expect((await stack.request(`{ viewer { kind } }`, {}, token)).data?.viewer.kind).toBe('PARTNER');
    const limited = await stack.request(`{ viewer { kind } }`, {}, token);
    expect(limited.status).toBe(429);
    expect(errorCodes(limited)).toEqual(['RATE_LIMITED']);
    expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toEqual(expect.any(Number));
    expect((await stack.request(`{ viewer { kind } }`)).data?.viewer.kind).toBe('STAFF');
  });
});
