/**
 * The queue dashboard's sign-in cookie. A browser cannot add a bearer header to the dashboard's
 * page, assets and API calls, so staff exchange their token once for a cookie that carries it,
 * sealed (AES-256-GCM) and short-lived. Every request with the cookie is authenticated again with
 * the token inside, through the same authenticator as /graphql: a revoked or expired token stops
 * working on the dashboard as it does on the API, and no session state is kept anywhere.
 *
 * The key is derived (HKDF) from the gateway's signing key, so gateways that share that key share
 * the sessions, and rotating it ends them all. The sealed value is useless outside the dashboard:
 * it is not a bearer token, and /graphql reads no cookies.
 */
import { hkdfSync } from 'node:crypto';
import { SecretBox, type Clock } from '@azukari/common';

/** How long a sign-in lasts: a shift's glance at the queues, not a standing credential. */
export const DASHBOARD_SESSION_MS = 15 * 60_000;
export const DASHBOARD_COOKIE = 'azukari_queues';

interface Sealed {
  token: string;
  expiresAt: number;
}

export class DashboardSessions {
  private readonly box: SecretBox;

  constructor(
    signingKey: { d?: string },
    private readonly clock: Clock,
    readonly lifetimeMs = DASHBOARD_SESSION_MS,
  ) {
    if (!signingKey.d) throw new Error('the gateway signing key has no private part: dashboard sessions cannot be sealed');
    this.box = new SecretBox(
      Buffer.from(hkdfSync('sha256', Buffer.from(signingKey.d, 'base64url'), 'azukari', 'queue dashboard session v1', 32)),
    );
  }

  seal(token: string): string {
    const body: Sealed = { token, expiresAt: this.clock.now().getTime() + this.lifetimeMs };
    // base64url once more: the cookie's value stays in the URL-safe alphabet, dots included.
    return Buffer.from(this.box.seal(JSON.stringify(body))).toString('base64url');
  }

  /** The token inside a cookie that this gateway sealed and that has not expired; null otherwise. */
  open(value: string): string | null {
    try {
      const body = JSON.parse(this.box.open(Buffer.from(value, 'base64url').toString('utf8'))) as Partial<Sealed>;
      if (typeof body.token !== 'string' || typeof body.expiresAt !== 'number') return null;
      return body.expiresAt > this.clock.now().getTime() ? body.token : null;
    } catch {
      return null;
    }
  }

  /** The Set-Cookie value: HttpOnly (no script reads it), SameSite=Strict (no other site sends it), only under the dashboard. */
  cookie(value: string, basePath: string): string {
    return `${DASHBOARD_COOKIE}=${value}; Path=${basePath}; Max-Age=${Math.floor(this.lifetimeMs / 1000)}; HttpOnly; Secure; SameSite=Strict`;
  }

  cleared(basePath: string): string {
    return `${DASHBOARD_COOKIE}=; Path=${basePath}; Max-Age=0; HttpOnly; Secure; SameSite=Strict`;
  }
}

/** The dashboard cookie from a Cookie header, if any. */
export const dashboardCookieOf = (header: string | undefined): string | undefined => {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === DASHBOARD_COOKIE) return value.join('=');
  }
  return undefined;
};
