/**
 * Calls another service's internal route, signed with this service's key for the route's owner
 * and carrying the original caller. The owner of a fact decides about it: its refusal comes back
 * as the owner's DomainError (NOT_FOUND, FORBIDDEN, BAD_USER_INPUT...). An owner that cannot be
 * reached, fails, or answers in a shape the route does not define is SERVICE_UNAVAILABLE for the
 * caller: a peer's bad answer never reaches a user as a ZodError or an internal error.
 */
import { PURPOSE_HEADER, currentAccess } from './access-context';
import type { CredentialIssuer } from './credentials';
import { DomainError, ErrorCode } from './errors';
import type { RouteDefinition, RouteRequest, RouteResponse } from './internal-route';
import type { Principal } from './principal';

/** Codes an owner may refuse with that mean something to the caller's caller. */
const PASSED_ON = new Set<string>([
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.CONFLICT,
  ErrorCode.CONSENT_REQUIRED,
  ErrorCode.TRAINING_REQUIRED,
  ErrorCode.ANSWER_NOT_OFFERED,
  ErrorCode.LINK_INVALID,
  ErrorCode.LINK_EXPIRED,
  ErrorCode.LINK_USED,
]);

export class ServiceClient {
  constructor(
    private readonly issuer: CredentialIssuer,
    private readonly urls: Partial<Record<string, string>>,
    private readonly timeoutMs = 5_000,
  ) {}

  async call<R extends RouteDefinition>(
    route: R,
    body: RouteRequest<R>,
    caller: Principal | null,
    trace?: string | null,
  ): Promise<RouteResponse<R>> {
    const base = this.urls[route.owner];
    if (!base) throw new Error(`no URL configured for ${route.owner}`);
    // Our own request must have the route's shape: a mistake here is ours, not the owner's.
    const request: unknown = route.request.parse(body);
    const unavailable = (why: string) =>
      new DomainError(ErrorCode.SERVICE_UNAVAILABLE, `The ${route.owner} service ${why}. Try again shortly.`, {
        service: route.owner,
      });
    const token = await this.issuer.sign(route.owner, { caller });
    const purpose = currentAccess()?.purpose ?? null;
    let response: Response;
    let payload: unknown;
    try {
      response = await fetch(`${base}/internal${route.path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...(trace ? { traceparent: trace } : {}),
          // The purpose the caller declared travels with its request into the owner's audit log.
          ...(purpose ? { [PURPOSE_HEADER]: encodeURIComponent(purpose) } : {}),
        },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      payload = await response.json().catch(() => null);
    } catch {
      throw unavailable('did not answer');
    }
    if (!response.ok) {
      const refusal = (payload as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      if (refusal && typeof refusal.code === 'string' && PASSED_ON.has(refusal.code) && typeof refusal.message === 'string') {
        throw new DomainError(refusal.code as ErrorCode, refusal.message);
      }
      throw unavailable(`could not answer (${response.status})`);
    }
    const parsed = route.response.safeParse(payload);
    if (!parsed.success) throw unavailable('gave an answer this service does not understand');
    return parsed.data as RouteResponse<R>;
  }
}
