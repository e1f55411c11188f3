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
  decodeJwt,
  type JWK,
  type JSONWebKeySet,
} from 'jose';
import { DomainError, ErrorCode } from './errors';
import { principalSchema, type Principal } from './principal';

export const CREDENTIAL_LIFETIME_SECONDS = 60;
/**
 * A credential is signed once per audience and caller and reused while it has at least half its
 * life left, and a verified one is remembered until it expires: an EdDSA signature or check per
 * request and subgraph was a measurable share of each (docs/BENCHMARKS.md). Neither widens
 * anything: the same caller, audience and expiry as a fresh one.
 */
const REUSE_FOR_MS = (CREDENTIAL_LIFETIME_SECONDS * 1000) / 2;
const MAX_REMEMBERED = 10_000;

/** A bounded map: past `max` entries the oldest go first. */
const remember = <V>(map: Map<string, V>, key: string, value: V, max = MAX_REMEMBERED): void => {
  if (map.size >= max) map.delete(map.keys().next().value as string);
  map.set(key, value);
};
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

/** The credential an `Authorization: Bearer <credential>` header carries; null without one. */
export const bearerTokenOf = (header: string | undefined): string | null =>
  header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;

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

  private readonly signed = new Map<string, { token: string; reuseUntil: number }>();

  async sign(audience: string, claims: CredentialClaims): Promise<string> {
    const key = `${audience}\n${JSON.stringify(claims.caller)}`;
    const now = Date.now();
    const cached = this.signed.get(key);
    if (cached && cached.reuseUntil > now) return cached.token;
    const token = await this.signFresh(audience, claims);
    remember(this.signed, key, { token, reuseUntil: now + REUSE_FOR_MS });
    return token;
  }

  private async signFresh(audience: string, claims: CredentialClaims): Promise<string> {
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

  private readonly verified = new Map<string, { credential: VerifiedCredential; until: number }>();

  /** Throws UNAUTHENTICATED for anything but a valid, current credential for this audience. */
  async verify(token: string): Promise<VerifiedCredential> {
    const known = this.verified.get(token);
    if (known && known.until > Date.now()) return known.credential;
    if (known) this.verified.delete(token);
    const credential = await this.verifyFresh(token);
    // Remembered until it expires (jose accepts it until then, less nothing: exp is checked here).
    const { exp } = decodeJwt(token);
    if (typeof exp === 'number') remember(this.verified, token, { credential, until: exp * 1000 });
    return credential;
  }

  private async verifyFresh(token: string): Promise<VerifiedCredential> {
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
