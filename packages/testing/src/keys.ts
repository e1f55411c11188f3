/** Service keys for a test process: one Ed25519 key per service, and the JWKS that trusts them. */
import type { JSONWebKeySet, JWK } from 'jose';
import { generateServiceKey } from '@azukari/common';

export const SERVICE_ISSUERS = ['gateway', 'contracts', 'custody', 'personnel', 'incidents', 'worker'] as const;
export type Issuer = (typeof SERVICE_ISSUERS)[number];

export interface TestKeys {
  privateKey(issuer: Issuer): JWK;
  trusted: JSONWebKeySet;
}

let cached: Promise<TestKeys> | null = null;

export const testKeys = (): Promise<TestKeys> => {
  cached ??= (async () => {
    const pairs = await Promise.all(SERVICE_ISSUERS.map(async (issuer) => [issuer, await generateServiceKey(issuer)] as const));
    const byIssuer = new Map(pairs);
    return {
      privateKey: (issuer) => byIssuer.get(issuer)!.privateJwk,
      trusted: { keys: pairs.map(([, pair]) => pair.publicJwk) },
    };
  })();
  return cached;
};

/** A credential as the gateway would sign it, to call a subgraph directly in its own tests. */
export const gatewayCredential = async (audience: string, caller: import('@azukari/common').Principal): Promise<string> => {
  const { CredentialIssuer } = await import('@azukari/common');
  const keys = await testKeys();
  return await new CredentialIssuer('gateway', keys.privateKey('gateway')).sign(audience, { caller });
};
