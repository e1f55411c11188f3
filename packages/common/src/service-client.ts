/**
 * Calls another service's internal route, signed with this service's key for that audience and
 * carrying the original caller. The owner of a fact decides about it: a refusal comes back as the
 * owner's DomainError (NOT_FOUND, FORBIDDEN...), an unreachable owner as SERVICE_UNAVAILABLE.
 */
import type { CredentialIssuer } from './credentials';
import { DomainError, ErrorCode, type ErrorCode as Code } from './errors';
import type { Principal } from './principal';

export class ServiceClient {
  constructor(
    private readonly issuer: CredentialIssuer,
    private readonly urls: Record<string, string>,
    private readonly timeoutMs = 5_000,
  ) {}

  async post<T>(service: string, path: string, body: unknown, caller: Principal | null, trace?: string): Promise<T> {
    const base = this.urls[service];
    if (!base) throw new Error(`no URL configured for ${service}`);
    const token = await this.issuer.sign(service, { caller });
    let response: Response;
    try {
      response = await fetch(`${base}/internal${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...(trace ? { traceparent: trace } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, `The ${service} service did not answer. Try again shortly.`);
    }
    const payload = (await response.json().catch(() => ({}))) as { error?: { code: Code; message: string } } & T;
    if (!response.ok) {
      const error = payload.error;
      if (error && error.code !== ErrorCode.INTERNAL_SERVER_ERROR && error.code !== ErrorCode.UNAUTHENTICATED) {
        throw new DomainError(error.code, error.message);
      }
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, `The ${service} service could not answer (${response.status}).`);
    }
    return payload;
  }
}
