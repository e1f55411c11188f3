/**
 * What a caller may say beside its operation: the Idempotency-Key's fingerprint tells a retry
 * from another request however the retry is spelled, and a malformed key or purpose is refused.
 */
import { idempotencyOfRequest, purposeOfRequest } from '../src/request-headers';

const KEY = { 'idempotency-key': '0f8e3c1a-2b4d-4e6f-8a9b-1c2d3e4f5a6b' };
const request = (query: string, variables: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  query,
  variables,
  operationName: 'Register',
  ...extra,
});
const fingerprintOf = (body: unknown): string | undefined => idempotencyOfRequest(KEY, body)?.fingerprint;

describe('request headers at the gateway', () => {
  const query = 'mutation Register($i: RegisterAssetInput!) { registerAsset(input: $i) { id } }';

  it('gives a retry the same fingerprint, whatever its whitespace, comments and key order', () => {
    const first = fingerprintOf(request(query, { i: { name: 'a', recordCount: 1 } }));
    const respelled = fingerprintOf(
      request('# a retry\nmutation Register( $i : RegisterAssetInput! ) {\n  registerAsset(input: $i) { id }\n}', {
        i: { recordCount: 1, name: 'a' },
      }),
    );
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(respelled).toBe(first);
  });

  it('tells another request apart: other variables, another operation, another persisted query', () => {
    const first = fingerprintOf(request(query, { i: { name: 'a' } }));
    expect(fingerprintOf(request(query, { i: { name: 'b' } }))).not.toBe(first);
    expect(fingerprintOf(request(query.replace('{ id }', '{ id name }'), { i: { name: 'a' } }))).not.toBe(first);
    const persisted = (hash: string) =>
      fingerprintOf({ variables: { i: { name: 'a' } }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(persisted('a'.repeat(64))).not.toBe(persisted('b'.repeat(64)));
  });

  it('takes no key as no idempotency, and refuses a malformed or repeated key with BAD_USER_INPUT', () => {
    expect(idempotencyOfRequest({}, request(query, {}))).toBeNull();
    for (const key of ['', 'has space', 'x'.repeat(256), 'tab\there']) {
      expect(() => idempotencyOfRequest({ 'idempotency-key': key }, request(query, {}))).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      );
    }
    expect(() => idempotencyOfRequest({ 'idempotency-key': ['a', 'b'] }, request(query, {}))).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });

  it('reads a purpose in percent-encoded UTF-8, and refuses an empty or overlong one', () => {
    expect(purposeOfRequest({})).toBeNull();
    expect(purposeOfRequest({ 'azukari-purpose': encodeURIComponent('年次監査のため') })).toBe('年次監査のため');
    expect(purposeOfRequest({ 'azukari-purpose': 'annual audit' })).toBe('annual audit');
    for (const purpose of ['   ', 'x'.repeat(201)]) {
      expect(() => purposeOfRequest({ 'azukari-purpose': purpose })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    }
  });
});
