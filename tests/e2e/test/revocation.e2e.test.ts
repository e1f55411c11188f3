/** revokeApiToken takes effect within a second at every gateway, cache or not; tokens expire. */
import { errorCodes, graphql } from '@azukari/testing';
import { startStack, type Stack } from '../src/stack';
import { createClient, createPartnerToken, SCOPE } from '../src/flows';

const VIEWER = `{ viewer { kind } }`;

describe('API token revocation', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ tokenCacheMs: 60_000 });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('is refused within a second at every gateway after revokeApiToken, although they cached it', async () => {
    const second = await stack.startGateway({ name: 'gateway-2', tokenCacheMs: 60_000 });
    try {
      const client = await createClient(stack, 'Revocation KK');
      const { token, apiToken } = await createPartnerToken(stack, client.id, [SCOPE.contractsRead]);
      const gateways = [stack.graphqlUrl, `${second.url}/graphql`];
      // Both gateways now hold the token in their caches.
      for (const url of gateways) expect((await graphql(url, VIEWER, {}, token)).data?.viewer.kind).toBe('PARTNER');
      expect(stack.gateway.authenticator.cacheActive && second.authenticator.cacheActive).toBe(true);

      const revoked = await stack.request(`mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: apiToken.id });
      expect(revoked.data?.revokeApiToken.revokedAt).toEqual(expect.any(String));
      const revokedAt = Date.now();

      for (const url of gateways) {
        for (;;) {
          const res = await graphql(url, VIEWER, {}, token);
          if (errorCodes(res)[0] === 'UNAUTHENTICATED') break;
          expect(Date.now() - revokedAt).toBeLessThan(1_000);
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      expect(Date.now() - revokedAt).toBeLessThan(1_000);
    } finally {
      await second.close();
    }
  });

  it('refuses revocation to anyone but an admin', async () => {
    const client = await createClient(stack, 'Revocation Rights KK');
    const { token, apiToken } = await createPartnerToken(stack, client.id, [SCOPE.contractsRead]);
    const res = await stack.request(`mutation ($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: apiToken.id }, token);
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    expect((await stack.request(VIEWER, {}, token)).data?.viewer.kind).toBe('PARTNER');
  });

  it('shows a token once: the list holds its prefix, never the token or its HMAC', async () => {
    const client = await createClient(stack, 'Token List KK');
    const { token, apiToken } = await createPartnerToken(stack, client.id, [SCOPE.contractsRead]);
    const list = await stack.request(`{ apiTokens(first: 100) { edges { node { id displayPrefix expiresAt } } } }`);
    const row = list.data?.apiTokens.edges.find((e: { node: { id: string } }) => e.node.id === apiToken.id);
    expect(row.node.displayPrefix).toBe(token.slice(0, 10));
    expect(JSON.stringify(list.data)).not.toContain(token);
    expect(Date.parse(row.node.expiresAt)).toBeGreaterThan(Date.now());
  });
});
