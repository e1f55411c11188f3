/** Small helpers for contracts' tests. */
import { CredentialIssuer } from '@azukari/common';
import { testKeys, type Issuer } from '@azukari/testing';

export { DEV_ADMIN_TOKEN, ConfigError, TestClock, generateApiToken } from '@azukari/common';

/** A service credential for `audience`, signed as `issuer` (the gateway unless said otherwise). */
export const serviceCredential = async (audience: string, issuer: Issuer = 'gateway'): Promise<string> => {
  const keys = await testKeys();
  return await new CredentialIssuer(issuer, keys.privateKey(issuer)).sign(audience, { caller: null });
};
