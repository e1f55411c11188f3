/**
 * The owner's side of internal routes: one helper serves every route from its definition. It
 * checks that the verified service credential's issuer is one of the route's callers, parses the
 * request (a bad one is a 400 with BAD_USER_INPUT), runs the handler, and checks the answer
 * against the route's response schema before it leaves, so a caller never receives a shape the
 * definition does not promise. A refusal is `{ error: { code, message } }` with a status to match.
 */
import express, { type Request, type Response, type Router } from 'express';
import {
  DomainError,
  ErrorCode,
  describeIssues,
  isDomainError,
  type Logger,
  type ParsedRouteRequest,
  type Principal,
  type RouteDefinition,
  type RouteResponse,
  type ServiceName,
  type VerifiedCredential,
} from '@azukari/common';

export interface RouteCall {
  /** The original caller the calling service carries (a partner's request stays scoped). */
  caller: Principal | null;
  credential: VerifiedCredential;
  trace: string | null;
  log: Logger;
}

export interface RouteImplementation {
  route: RouteDefinition;
  handle(request: unknown, call: RouteCall): Promise<unknown>;
}

/** Binds a handler to its route's definition; the types of request and answer follow from it. */
export const implement = <R extends RouteDefinition>(
  route: R,
  handle: (request: ParsedRouteRequest<R>, call: RouteCall) => Promise<RouteResponse<R>>,
): RouteImplementation => ({ route, handle: handle as RouteImplementation['handle'] });

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  ANSWER_NOT_OFFERED: 400,
  LINK_INVALID: 400,
  LINK_EXPIRED: 410,
  LINK_USED: 409,
  SERVICE_UNAVAILABLE: 503,
};

/** The credential a service call carries, set by the HTTP service's authentication. */
export const credentialOf = (res: Response): VerifiedCredential => res.locals.credential as VerifiedCredential;

const refuse = (res: Response, error: DomainError): void => {
  res.status(HTTP_STATUS[error.code] ?? 422).json({ error: { code: error.code, message: error.message } });
};

const serve = (implementation: RouteImplementation, log: Logger) => {
  const { route } = implementation;
  return async (req: Request, res: Response): Promise<void> => {
    const credential = credentialOf(res);
    const trace = typeof req.headers.traceparent === 'string' ? req.headers.traceparent : null;
    const routeLog = log.child({ route: route.path, issuer: credential.issuer, trace });
    try {
      if (!(route.callers as readonly string[]).includes(credential.issuer)) {
        throw new DomainError(ErrorCode.FORBIDDEN, `${credential.issuer} may not call ${route.path}.`);
      }
      const request = route.request.safeParse(req.body);
      if (!request.success) throw new DomainError(ErrorCode.BAD_USER_INPUT, describeIssues(request.error.issues));
      const answer = await implementation.handle(request.data, { caller: credential.caller, credential, trace, log: routeLog });
      const checked = route.response.safeParse(answer);
      if (!checked.success) {
        // Our own answer breaks our own definition: a defect here, never the caller's problem to parse.
        routeLog.error({ issues: describeIssues(checked.error.issues) }, 'internal route answer does not match its definition');
        res.status(500).json({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal error.' } });
        return;
      }
      res.json(checked.data);
    } catch (error) {
      if (isDomainError(error)) return refuse(res, error);
      routeLog.error({ err: error }, 'internal route failed');
      res.status(500).json({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal error.' } });
    }
  };
};

/**
 * A router serving `implementations`, each of which must be `owner`'s own route, each path once:
 * checked at start, so a route served by the wrong service or twice stops the process.
 */
export const routerFor = (owner: ServiceName, implementations: readonly RouteImplementation[], log: Logger): Router => {
  const paths = new Set<string>();
  const router = express.Router();
  router.use(express.json({ limit: '256kb' }));
  for (const implementation of implementations) {
    const { route } = implementation;
    if (route.owner !== owner) throw new Error(`${owner} cannot serve ${route.path}: it is ${route.owner}'s route`);
    if (paths.has(route.path)) throw new Error(`${owner} serves ${route.path} twice`);
    paths.add(route.path);
    router.post(route.path, serve(implementation, log));
  }
  router.use((_req: Request, res: Response) => refuse(res, new DomainError(ErrorCode.NOT_FOUND, 'No such internal route.')));
  return router;
};
