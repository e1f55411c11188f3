/**
 * An internal route, defined once: which service owns it, its path, which services may call it,
 * and the zod schemas of its request and answer. The owner serves it (service-kit `implement`, mounted by `routerFor`),
 * a caller calls it (`ServiceClient.call`) and tests stand in for it (testing `standIn`), all
 * from this one definition, so the three can never disagree about a path, a caller or a shape.
 */
import type { z } from 'zod';
import type { ServiceName } from './config';

export interface RouteDefinition<Req extends z.ZodTypeAny = z.ZodTypeAny, Res extends z.ZodTypeAny = z.ZodTypeAny> {
  owner: ServiceName;
  /** Under /internal, e.g. `/contracts/lookup`. */
  path: string;
  callers: readonly ServiceName[];
  request: Req;
  response: Res;
}

export type RouteRequest<R> = R extends RouteDefinition<infer Req, z.ZodTypeAny> ? z.input<Req> : never;
export type RouteResponse<R> = R extends RouteDefinition<z.ZodTypeAny, infer Res> ? z.infer<Res> : never;
/** What the owner's handler receives: the request as parsed. */
export type ParsedRouteRequest<R> = R extends RouteDefinition<infer Req, z.ZodTypeAny> ? z.infer<Req> : never;

export const defineRoute = <Req extends z.ZodTypeAny, Res extends z.ZodTypeAny>(
  definition: RouteDefinition<Req, Res>,
): RouteDefinition<Req, Res> => definition;

/** The body of every refusal on an internal route. */
export interface RouteRefusal {
  error: { code: string; message: string };
}

/** The one message for a zod refusal: each issue with its path, so the mistake can be found. */
export const describeIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string =>
  issues.map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`).join('; ');
