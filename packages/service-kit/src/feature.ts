/**
 * A feature module: everything one feature folder contributes to its subgraph, exported as one
 * value. An app lists its features once, and its entities, schema, per-request loaders, internal
 * routes and job consumers are all built from that list (Twenty registers its modules the same
 * way), so adding a feature is one line in the app and nothing else to remember.
 *
 * Lifetimes: `deps` lives as long as the process; services and repositories are made per call
 * with the request's tenant scope; loaders are made per request, here, so batching never crosses
 * two callers.
 */
import type { NonEmptyArray } from 'type-graphql';
import type { HandlerEntry } from '@azukari/jobs';
import type { TenantScope } from '@azukari/db';
import type { ReferenceResolvers } from './federation';
import type { RouteImplementation } from './internal-routes';

export interface Feature<D, L extends object = object> {
  name: string;
  /** TypeORM rows this feature owns. */
  entities?: readonly Function[];
  /** type-graphql resolver classes: root fields and fields of this subgraph's types. */
  resolvers?: readonly Function[];
  /** Types no root field reaches, e.g. another subgraph's entity this feature extends. */
  orphanedTypes?: readonly Function[];
  /** `__resolveReference` per entity; they bypass guards, so each applies its rule itself. */
  references?: ReferenceResolvers;
  /** Per-request DataLoaders, built with the caller's tenant scope. */
  loaders?: (deps: D, scope: TenantScope) => L;
  /** The internal routes this feature serves, each from its definition in @azukari/routes. */
  routes?: (deps: D) => readonly RouteImplementation[];
  /** Handlers of jobs on the queues this service consumes. */
  consumers?: (deps: D) => readonly HandlerEntry[];
}

export const defineFeature = <D, L extends object = object>(feature: Feature<D, L>): Feature<D, L> => feature;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The loaders of a list of features, as one object type: what `ctx.loaders` holds. */
export type LoadersOf<F extends readonly Feature<never, object>[]> = UnionToIntersection<
  { [K in keyof F]: F[K] extends Feature<never, infer L> ? L : never }[number]
>;

export const entitiesOf = (features: readonly Feature<never, object>[]): Function[] => features.flatMap((f) => f.entities ?? []);

export const resolversOf = (features: readonly Feature<never, object>[]): NonEmptyArray<Function> => {
  const resolvers = features.flatMap((f) => f.resolvers ?? []);
  if (resolvers.length === 0) throw new Error('a subgraph needs at least one resolver');
  return resolvers as NonEmptyArray<Function>;
};

export const referencesOf = (features: readonly Feature<never, object>[]): ReferenceResolvers => {
  const merged: ReferenceResolvers = {};
  for (const feature of features) {
    for (const [type, resolver] of Object.entries(feature.references ?? {})) {
      if (merged[type]) throw new Error(`two features resolve references to ${type}`);
      merged[type] = resolver;
    }
  }
  return merged;
};

export const loadersOf = <D, F extends readonly Feature<D, object>[]>(features: F, deps: D, scope: TenantScope): LoadersOf<F> => {
  const loaders: Record<string, unknown> = {};
  for (const feature of features) {
    for (const [key, loader] of Object.entries(feature.loaders?.(deps, scope) ?? {})) {
      if (key in loaders) throw new Error(`two features define the loader ${key}`);
      loaders[key] = loader;
    }
  }
  return loaders as LoadersOf<F>;
};
