/** API tokens: the bootstrap admin token follows AZUKARI_ADMIN_TOKEN; tokens expire. */
import { DEV_ADMIN_TOKEN, ConfigError, TestClock, serviceCredential, generateApiToken } from './support';
import { gatewayCredential, testResources, staffPrincipal } from '@azukari/testing';
import { createApp, loadContractsConfig, type ContractsConfig } from '../src/app';
import { contractsTestConfig } from './boot';

const verify = async (url: string, token: string) => {
  const res = await fetch(`${url}/internal/tokens/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await serviceCredential('contracts')}` },
    body: JSON.stringify({ token }),
  });
  return (await res.json()) as { principal: { kind: string; role?: string } | null; expiresAt: string | null };
};

describe('API tokens', () => {
  const resources = testResources();
  const clock = new TestClock(new Date('2026-11-25T00:00:00.000Z'));
  let base: ContractsConfig;

  beforeAll(async () => {
    await resources.create(['contracts']);
    base = { ...(await contractsTestConfig(resources)), clock };
  });
  afterAll(async () => {
    await resources.cleanup();
  });

  it('makes the bootstrap admin token exist while AZUKARI_ADMIN_TOKEN is set, and revokes it when the value changes or goes', async () => {
    const first = generateApiToken();
    const second = generateApiToken();

    let app = await createApp({ ...base, adminToken: first });
    expect((await verify(app.url, first)).principal).toMatchObject({ kind: 'staff', role: 'ADMIN', employeeId: null });
    expect((await verify(app.url, first)).expiresAt).toBeNull();
    await app.close();

    app = await createApp({ ...base, adminToken: second });
    expect((await verify(app.url, first)).principal).toBeNull();
    expect((await verify(app.url, second)).principal).toMatchObject({ kind: 'staff', role: 'ADMIN' });
    await app.close();

    app = await createApp({ ...base, adminToken: null });
    expect((await verify(app.url, second)).principal).toBeNull();
    await app.close();

    // A value once revoked is not brought back to life by setting it again...
    app = await createApp({ ...base, adminToken: first });
    expect((await verify(app.url, first)).principal).toBeNull();
    await app.close();

    // ...except the public development value, so that a development install always works.
    app = await createApp({ ...base, adminToken: DEV_ADMIN_TOKEN });
    await app.close();
    app = await createApp({ ...base, adminToken: first });
    await app.close();
    app = await createApp({ ...base, adminToken: DEV_ADMIN_TOKEN });
    expect((await verify(app.url, DEV_ADMIN_TOKEN)).principal).toMatchObject({ kind: 'staff', role: 'ADMIN' });
    expect((await verify(app.url, first)).principal).toBeNull();
    await app.close();
  });

  it('refuses the development admin token in production, naming the setting', () => {
    const env = {
      NODE_ENV: 'production',
      AZUKARI_ADMIN_TOKEN: DEV_ADMIN_TOKEN,
      AZUKARI_SIGNING_KEY: JSON.stringify(base.signingKey),
      AZUKARI_TRUSTED_KEYS: JSON.stringify(base.trustedKeys),
      AZUKARI_TOKEN_HMAC_KEY: 'k'.repeat(32),
      AZUKARI_SECRETS_KEY: 'ab'.repeat(32),
      AZUKARI_REPORT_LINK_KEY: 'cd'.repeat(32),
    };
    expect(() => loadContractsConfig(env)).toThrow(ConfigError);
    expect(() => loadContractsConfig(env)).toThrow(/AZUKARI_ADMIN_TOKEN: the development value/);
    expect(loadContractsConfig({ ...env, NODE_ENV: 'development' }).adminToken).toBe(DEV_ADMIN_TOKEN);
  });

  it('stops accepting a partner token once it has expired', async () => {
    const admin = generateApiToken();
    const app = await createApp({ ...base, adminToken: admin });
    try {
      const call = async (query: string, variables: Record<string, unknown>) =>
        (await (
          await fetch(`${app.url}/graphql`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${await gatewayCredential('contracts', staffPrincipal())}`,
            },
            body: JSON.stringify({ query, variables }),
          })
        ).json()) as { data: any; errors?: unknown };
      const client = await call(`mutation ($i: CreateClientInput!) { createClient(input: $i) { client { id } } }`, {
        i: { name: 'Expiry KK', address: 'x', reportEmail: 'a@b.jp' },
      });
      const created = await call(`mutation ($i: CreateApiTokenInput!) { createApiToken(input: $i) { token apiToken { expiresAt } } }`, {
        i: { kind: 'PARTNER', label: 'short', clientId: client.data.createClient.client.id, scopes: ['CONTRACTS_READ'], expiresInDays: 1 },
      });
      const token = created.data.createApiToken.token as string;
      expect(created.data.createApiToken.apiToken.expiresAt).toBe('2026-11-26T00:00:00.000Z');
      expect((await verify(app.url, token)).principal).toMatchObject({ kind: 'partner', scopes: ['contracts:read'] });
      clock.advance(24 * 3600 * 1000);
      expect((await verify(app.url, token)).principal).toBeNull();
    } finally {
      await app.close();
    }
  });

  it('only lets the gateway ask whether a token is valid', async () => {
    const app = await createApp({ ...base });
    try {
      const res = await fetch(`${app.url}/internal/tokens/verify`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await serviceCredential('contracts', 'custody')}`,
        },
        body: JSON.stringify({ token: generateApiToken() }),
      });
      expect(res.status).toBe(403);
    } finally {
      await app.close();
    }
  });
});
