/**
 * Idempotent partner mutations through the gateway: a retry with the same Idempotency-Key gets
 * the first answer and changes nothing again; the same key with another request is refused with
 * CONFLICT; two concurrent requests with one key act once; keys are kept per token for 24 hours.
 */
import { randomUUID } from 'node:crypto';
import { errorCodes, factories, graphql } from '@azukari/testing';
import { startStack, type Stack } from '../src/stack';
import { createClient, createContract, createPartnerToken, SCOPE } from '../src/flows';

const REGISTER = `mutation ($input: RegisterAssetInput!) { registerAsset(input: $input) { id name status } }`;

describe('Idempotency-Key on partner mutations', () => {
  let stack: Stack;
  let client: string;
  let contract: string;
  let token: string;
  const input = (name: string, contractId = contract) => ({
    input: { contractId, name, form: 'PAPER', location: '本社 書庫 3', recordCount: 12, receivedAt: '2026-04-01T00:00:00Z' },
  });
  const register = async (key: string | null, name: string, as = token, contractId = contract) =>
    await graphql<{ registerAsset: { id: string; name: string; status: string } }>(
      stack.graphqlUrl,
      REGISTER,
      input(name, contractId),
      as,
      key === null ? {} : { 'idempotency-key': key },
    );
  const assetsNamed = async (name: string) =>
    (await stack.resources.sql<{ id: string }>('custody', 'SELECT id FROM data_asset WHERE name = ?', [name])).map((r) => r.id);

  beforeAll(async () => {
    stack = await startStack();
    client = (await createClient(stack, '冪等 株式会社')).id;
    contract = await createContract(stack, client);
    token = (await createPartnerToken(stack, client, [SCOPE.custodyWrite, SCOPE.custodyRead])).token;
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answers a retry with the first answer, acting once', async () => {
    const key = randomUUID();
    const first = await register(key, '名簿 replay');
    expect(first.errors).toBeUndefined();
    const retry = await register(key, '名簿 replay');
    expect(retry).toEqual(first);
    expect(await assetsNamed('名簿 replay')).toEqual([first.data!.registerAsset.id]);
    const [record] = await stack.resources.sql<{ hours: number }>(
      'custody',
      'SELECT TIMESTAMPDIFF(HOUR, createdAt, expiresAt) AS hours FROM idempotency_record WHERE `key` LIKE ?',
      [`${key}#%`],
    );
    expect(Number(record!.hours)).toBe(24);
  });

  it('refuses the same key with a different request with CONFLICT, writing nothing', async () => {
    const key = randomUUID();
    await register(key, '名簿 first');
    const other = await register(key, '名簿 other');
    expect(errorCodes(other)).toEqual(['CONFLICT']);
    expect(other.errors?.[0]?.message).toMatch(/different request/);
    expect(await assetsNamed('名簿 other')).toEqual([]);
  });

  it('acts once for two concurrent requests with one key, and both get its answer', async () => {
    const key = randomUUID();
    const [one, two] = await Promise.all([register(key, '名簿 concurrent'), register(key, '名簿 concurrent')]);
    expect(one.errors).toBeUndefined();
    expect(two).toEqual(one);
    expect(await assetsNamed('名簿 concurrent')).toEqual([one.data!.registerAsset.id]);
  });

  it('keeps keys per token: another token may use the same key for its own request', async () => {
    const key = randomUUID();
    const other = (await createPartnerToken(stack, client, [SCOPE.custodyWrite])).token;
    const mine = await register(key, '名簿 mine');
    const theirs = await register(key, '名簿 theirs', other);
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data!.registerAsset.id).not.toBe(mine.data!.registerAsset.id);
  });

  it('keeps no key for an answer with errors: the retry acts afresh', async () => {
    const key = randomUUID();
    const refused = await register(key, '名簿 refused', token, '01930000-0000-7000-8000-000000000000');
    expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
    const fixed = await register(key, '名簿 fixed');
    expect(fixed.errors).toBeUndefined();
    expect(await assetsNamed('名簿 fixed')).toHaveLength(1);
  });

  it('forgets a key after 24 hours', async () => {
    const key = randomUUID();
    await register(key, '名簿 yesterday');
    await stack.resources.sql(
      'custody',
      'UPDATE idempotency_record SET expiresAt = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE `key` LIKE ?',
      [`${key}#%`],
    );
    const today = await register(key, '名簿 today');
    expect(today.errors).toBeUndefined();
    expect(await assetsNamed('名簿 today')).toHaveLength(1);
  });

  it('refuses a malformed key with BAD_USER_INPUT before anything runs', async () => {
    for (const key of ['has space', 'x'.repeat(256)]) {
      const res = await graphql(stack.graphqlUrl, REGISTER, input('名簿 malformed'), token, { 'idempotency-key': key });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    }
    expect(await assetsNamed('名簿 malformed')).toEqual([]);
  });

  it('keeps nothing of a mutation whose answer has an error, and answers it without data', async () => {
    const key = randomUUID();
    const both = await graphql(
      stack.graphqlUrl,
      `
        mutation ($ok: RegisterAssetInput!, $bad: RegisterAssetInput!) {
          ok: registerAsset(input: $ok) {
            id
          }
          bad: registerAsset(input: $bad) {
            id
          }
        }
      `,
      { ok: input('名簿 half').input, bad: input('名簿 half bad', '01930000-0000-7000-8000-000000000000').input },
      token,
      { 'idempotency-key': key },
    );
    expect(errorCodes(both)).toEqual(['NOT_FOUND']);
    expect(both.data).toBeNull();
    expect(await assetsNamed('名簿 half')).toEqual([]);
  });

  it('answers a keyed mutation with what it wrote, read in its own transaction', async () => {
    const key = randomUUID();
    const reported = await graphql<{ reportIncident: { id: string; contracts: { id: string }[] } }>(
      stack.graphqlUrl,
      `
        mutation ($input: ReportIncidentInput!) {
          reportIncident(input: $input) {
            id
            contracts {
              id
            }
          }
        }
      `,
      { input: factories.newIncident([contract]) },
      stack.adminToken,
      { 'idempotency-key': key },
    );
    expect(reported.errors).toBeUndefined();
    expect(reported.data!.reportIncident.contracts).toEqual([{ id: contract }]);
  });

  it('keeps an answer that holds a secret sealed, and gives the same secret to the retry', async () => {
    const key = randomUUID();
    const create = async () =>
      await graphql<{ createApiToken: { token: string; apiToken: { id: string } } }>(
        stack.graphqlUrl,
        `
          mutation ($input: CreateApiTokenInput!) {
            createApiToken(input: $input) {
              token
              apiToken {
                id
              }
            }
          }
        `,
        { input: factories.newPartnerToken(client, [SCOPE.custodyRead], 'idempotent token') },
        stack.adminToken,
        { 'idempotency-key': key },
      );
    const first = await create();
    expect(first.errors).toBeUndefined();
    expect(await create()).toEqual(first);
    const stored = await stack.resources.sql<{ response: string }>(
      'contracts',
      'SELECT response FROM idempotency_record WHERE `key` LIKE ?',
      [`${key}#%`],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.response).not.toContain(first.data!.createApiToken.token);
    expect(stored[0]!.response).not.toContain(first.data!.createApiToken.token.slice(4, 20));
  });

  it('revokes a token with a key at once: the gateways are told after the revocation commits', async () => {
    const { token: doomed, apiToken } = await createPartnerToken(stack, client, [SCOPE.custodyRead]);
    expect((await stack.request('{ viewer { kind } }', {}, doomed)).errors).toBeUndefined();
    const revoked = await graphql(
      stack.graphqlUrl,
      `
        mutation ($id: ID!) {
          revokeApiToken(id: $id) {
            id
            revokedAt
          }
        }
      `,
      { id: apiToken.id },
      stack.adminToken,
      {
        'idempotency-key': randomUUID(),
      },
    );
    expect(revoked.errors).toBeUndefined();
    expect(errorCodes(await stack.request('{ viewer { kind } }', {}, doomed))).toEqual(['UNAUTHENTICATED']);
  });

  it('acts as before without a key', async () => {
    await register(null, '名簿 unkeyed');
    await register(null, '名簿 unkeyed');
    expect(await assetsNamed('名簿 unkeyed')).toHaveLength(2);
  });
});
