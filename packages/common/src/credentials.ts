/**
 * Principals and service-to-service calls share one mechanism: short-lived EdDSA JWTs (about a
 * minute), with the issuer (gateway or calling service), the audience (the target service), a key
 * id whose first segment names the issuer, and the original caller carried along in `azk`.
 */
import { randomUUID } from 'node:crypto';
import {
  SignJWT,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  createLocalJWKSet,
  decodeProtectedHeader,
  type JWK,
  type JSONWebKeySet,
} from 'jose';
import { DomainError, ErrorCode } from './errors';
import { principalSchema, type Principal } from './principal';

export const CREDENTIAL_LIFETIME_SECONDS = 60;
const ALG = 'EdDSA';

export interface ServiceKeyPair {
  privateJwk: JWK;
  publicJwk: JWK;
}

/** A new Ed25519 key for `issuer`; its kid is `<issuer>/<random>`. */
export const generateServiceKey = async (issuer: string): Promise<ServiceKeyPair> => {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  const kid = `${issuer}/${randomUUID()}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG };
  return { privateJwk, publicJwk };
};

export const issuerOfKid = (kid: string): string => kid.split('/')[0] ?? '';

export interface CredentialClaims {
  /** The caller on whose behalf the request is made; null for a service's own background work. */
  caller: Principal | null;
}

export class CredentialIssuer {
  private keyPromise: Promise<CryptoKey | Uint8Array>;
  constructor(
    readonly issuer: string,
    private readonly privateJwk: JWK,
  ) {
    if (!privateJwk.kid || issuerOfKid(privateJwk.kid) !== issuer) {
      throw new Error(`signing key kid must start with "${issuer}/"`);
    }
    this.keyPromise = importJWK(privateJwk, ALG);
  }

  async sign(audience: string, claims: CredentialClaims): Promise<string> {
    return await new SignJWT({ azk: claims.caller })
      .setProtectedHeader({ alg: ALG, kid: this.privateJwk.kid as string })
      .setIssuer(this.issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(`${CREDENTIAL_LIFETIME_SECONDS}s`)
      .sign(await this.keyPromise);
  }
}

export interface VerifiedCredential {
  issuer: string;
  caller: Principal | null;
}

export class CredentialVerifier {
  private readonly keys: ReturnType<typeof createLocalJWKSet>;
  constructor(
    readonly audience: string,
    trusted: JSONWebKeySet,
  ) {
    this.keys = createLocalJWKSet(trusted);
  }

  /** Throws UNAUTHENTICATED for anything but a valid, current credential for this audience. */
  async verify(token: string): Promise<VerifiedCredential> {
    try {
      const { kid } = decodeProtectedHeader(token);
      const { payload } = await jwtVerify(token, this.keys, {
        audience: this.audience,
        algorithms: [ALG],
        clockTolerance: 5,
        maxTokenAge: CREDENTIAL_LIFETIME_SECONDS + 5,
        requiredClaims: ['iss', 'aud', 'exp', 'iat'],
      });
      // A key may only speak for the service it was issued to.
      if (!kid || issuerOfKid(kid) !== payload.iss) throw new Error('key does not belong to the issuer');
      // The caller is checked as closely as the signature: a principal without a client id must
      // never reach the tenant scope.
      const caller = payload.azk == null ? null : (principalSchema.parse(payload.azk) as Principal);
      return { issuer: payload.iss as string, caller };
    } catch {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'A valid service credential for this service is required.');
    }
  }
}
export type { JWK, JSONWebKeySet } from 'jose';
