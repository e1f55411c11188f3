/**
 * The gateway's token cache: answers cached briefly, dropped at once on a revocation message, and
 * not used at all while the revocation channel is down (a fault test on a Redis of its own).
 */
import { Redis } from 'ioredis';
import {
  CredentialIssuer,
  ServiceClient,
  createLogger,
  generateApiToken,
  revocationChannel,
  systemClock,
  type Principal,
} from '@azukari/common';
import { VerifyToken } from '@azukari/routes';
import { OwnRedisServer, implement, standIn, testKeys, type StandIn } from '@azukari/testing';
import { TokenAuthenticator } from '../src/auth';

const waitFor = async (probe: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('token authentication at the gateway', () => {
  const token = generateApiToken();
  const principal: Principal = {
    kind: 'partner',
    tokenId: '01936b2e-7c1a-7000-8000-00000000000a',
    clientId: '01936b2e-7c1a-7000-8000-00000000000c',
    scopes: ['contracts:read'],
  };
  let calls = 0;
  let answerDelayMs = 0;
  let onVerify: () => Promise<void> = async () => undefined;
  let contracts: StandIn;
  let redis: OwnRedisServer;
  let auth: TokenAuthenticator;

  beforeAll(async () => {
    const keys = await testKeys();
    contracts = await standIn('contracts', [
      implement(VerifyToken, async (request) => {
        calls += 1;
        await onVerify();
        await new Promise((r) => setTimeout(r, answerDelayMs));
        return { principal: request.token === token ? principal : null, expiresAt: null };
      }),
    ]);
    redis = await OwnRedisServer.start();
    const urls = { contracts: contracts.url };
    auth = new TokenAuthenticator({
      services: new ServiceClient(new CredentialIssuer('gateway', keys.privateKey('gateway')), urls),
      clock: systemClock,
      log: createLogger('gateway', 'silent'),
      cacheMs: 60_000,
      redisUrl: redis.url,
      channel: revocationChannel('{azt-gw}'),
    });
    await auth.start();
    await waitFor(() => auth.cacheActive, 'the revocation subscription');
  });

  afterAll(async () => {
    auth.close();
    await contracts.close();
    await redis.down();
  });

  it('asks contracts once and then answers from its cache', async () => {
    calls = 0;
    await expect(auth.authenticate(token, 't')).resolves.toEqual(principal);
    await expect(auth.authenticate(token, 't')).resolves.toEqual(principal);
    expect(calls).toBe(1);
  });

  it('refuses a malformed token without asking contracts, and an unknown one after asking', async () => {
    calls = 0;
    await expect(auth.authenticate(token.slice(0, -1) + (token.endsWith('x') ? 'y' : 'x'), 't')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(calls).toBe(0);
    await expect(auth.authenticate(generateApiToken(), 't')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(calls).toBe(1);
  });

  it('forgets a token as soon as its revocation is published', async () => {
    await auth.authenticate(token, 't');
    calls = 0;
    const publisher = new Redis(redis.url);
    await publisher.publish(revocationChannel('{azt-gw}'), JSON.stringify({ tokenId: principal.tokenId }));
    publisher.disconnect();
    const deadline = Date.now() + 1_000;
    while (calls === 0 && Date.now() < deadline) {
      await auth.authenticate(token, 't');
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(calls).toBe(1);
  });

  it('does not cache an answer that a revocation overtook on its way', async () => {
    const publisher = new Redis(redis.url);
    try {
      await publisher.publish(revocationChannel('{azt-gw}'), JSON.stringify({ tokenId: principal.tokenId }));
      await new Promise((r) => setTimeout(r, 100));
      // contracts reads the live row, then the token is revoked before its answer arrives.
      answerDelayMs = 200;
      onVerify = async () => {
        await publisher.publish(revocationChannel('{azt-gw}'), JSON.stringify({ tokenId: principal.tokenId }));
      };
      calls = 0;
      await auth.authenticate(token, 't');
      answerDelayMs = 0;
      onVerify = async () => undefined;
      await auth.authenticate(token, 't');
      expect(calls).toBe(2);
    } finally {
      publisher.disconnect();
    }
  });

  it('caches nothing while the revocation channel is down, and again once it is back', async () => {
    await redis.down();
    await waitFor(() => !auth.cacheActive, 'the subscription to drop');
    calls = 0;
    await auth.authenticate(token, 't');
    await auth.authenticate(token, 't');
    expect(calls).toBe(2);

    await redis.up();
    await waitFor(() => auth.cacheActive, 'the subscription to come back');
    calls = 0;
    await auth.authenticate(token, 't');
    await auth.authenticate(token, 't');
    expect(calls).toBe(1);
  });
});
