import { SignJWT, importJWK } from 'jose';
import { CredentialIssuer, CredentialVerifier, generateServiceKey } from './credentials';
import type { Principal } from './principal';

const caller: Principal = {
  kind: 'partner',
  tokenId: '01936b2e-7c1a-7000-8000-000000000001',
  clientId: '01936b2e-7c1a-7000-8000-000000000002',
  scopes: ['contracts:read'],
};

describe('service credentials', () => {
  it('carries the caller to the audience it was signed for, and to no other', async () => {
    const gateway = await generateServiceKey('gateway');
    const token = await new CredentialIssuer('gateway', gateway.privateJwk).sign('custody', { caller });
    await expect(new CredentialVerifier('custody', { keys: [gateway.publicJwk] }).verify(token)).resolves.toEqual({
      issuer: 'gateway',
      caller,
    });
    await expect(new CredentialVerifier('contracts', { keys: [gateway.publicJwk] }).verify(token)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('reuses a credential per audience and caller while it has half its life left, and remembers a check only for its own audience', async () => {
    const gateway = await generateServiceKey('gateway');
    const issuer = new CredentialIssuer('gateway', gateway.privateJwk);
    const first = await issuer.sign('custody', { caller });
    expect(await issuer.sign('custody', { caller })).toBe(first);
    expect(await issuer.sign('contracts', { caller })).not.toBe(first);
    expect(await issuer.sign('custody', { caller: { ...caller, tokenId: '01936b2e-7c1a-7000-8000-000000000009' } })).not.toBe(first);
    const custody = new CredentialVerifier('custody', { keys: [gateway.publicJwk] });
    const contracts = new CredentialVerifier('contracts', { keys: [gateway.publicJwk] });
    for (let i = 0; i < 2; i += 1) {
      await expect(custody.verify(first)).resolves.toEqual({ issuer: 'gateway', caller });
      await expect(contracts.verify(first)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('refuses a key that speaks for another issuer than its own', async () => {
    const custody = await generateServiceKey('custody');
    const forged = await new SignJWT({ azk: caller })
      .setProtectedHeader({ alg: 'EdDSA', kid: custody.privateJwk.kid! })
      .setIssuer('gateway')
      .setAudience('contracts')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(await importJWK(custody.privateJwk, 'EdDSA'));
    await expect(new CredentialVerifier('contracts', { keys: [custody.publicJwk] }).verify(forged)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('refuses an expired credential and a long-lived one', async () => {
    const gateway = await generateServiceKey('gateway');
    const key = await importJWK(gateway.privateJwk, 'EdDSA');
    const base = () =>
      new SignJWT({ azk: caller })
        .setProtectedHeader({ alg: 'EdDSA', kid: gateway.privateJwk.kid! })
        .setIssuer('gateway')
        .setAudience('contracts');
    const now = Math.floor(Date.now() / 1000);
    const expired = await base()
      .setIssuedAt(now - 120)
      .setExpirationTime(now - 60)
      .sign(key);
    const longLived = await base()
      .setIssuedAt(now - 600)
      .setExpirationTime(now + 3600)
      .sign(key);
    const verifier = new CredentialVerifier('contracts', { keys: [gateway.publicJwk] });
    await expect(verifier.verify(expired)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verifier.verify(longLived)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a validly signed caller of the wrong shape: a partner without a client', async () => {
    const gateway = await generateServiceKey('gateway');
    const { clientId: _dropped, ...clientless } = caller as Extract<Principal, { kind: 'partner' }>;
    const token = await new CredentialIssuer('gateway', gateway.privateJwk).sign('contracts', {
      caller: clientless as unknown as Principal,
    });
    await expect(new CredentialVerifier('contracts', { keys: [gateway.publicJwk] }).verify(token)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('refuses to sign with a key issued to another service', async () => {
    const custody = await generateServiceKey('custody');
    expect(() => new CredentialIssuer('gateway', custody.privateJwk)).toThrow(/kid must start with "gateway\/"/);
  });
});
