/**
 * A subgraph process, built from its feature list: the core (database, producer, relay,
 * credentials), the schema, a request context with the tenant scope and every feature's loaders,
 * the internal routes and one consumer per queue the features handle. An app's createApp names
 * only what is its own: its features, its extra deps and anything it does before it listens.
 */
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { CredentialVerifier, newAccessContext, runAs, type ConnectedSubgraphConfig, type SubgraphName } from '@azukari/common';
import { scopeOf, type TenantScope } from '@azukari/db';
import { startConsumer, type HandlerEntry, type QueueName } from '@azukari/jobs';
import { buildFederatedSchema } from './federation';
import { loadersOf, referencesOf, resolversOf, type Feature, type LoadersOf } from './feature';
import { startHttpService, type BaseContext } from './http-service';
import { openServiceCore, type ServiceCore } from './service-core';
import { PageInfo } from './connection';
import { idempotencyPlugin, type AnswerSealer } from './idempotency';

/** What every resolver of a subgraph receives. */
export interface RequestContext<D, L> extends BaseContext {
  scope: TenantScope;
  deps: D;
  loaders: L;
}

export const buildSubgraphSchema = async (features: readonly Feature<never, object>[]): Promise<GraphQLSchema> =>
  await buildFederatedSchema({
    resolvers: resolversOf(features),
    orphanedTypes: [PageInfo, ...features.flatMap((f) => f.orphanedTypes ?? [])],
    references: referencesOf(features),
  });

export interface SubgraphDefinition<C extends ConnectedSubgraphConfig, D extends ServiceCore<C>, F extends readonly Feature<D, object>[]> {
  name: SubgraphName;
  config: C;
  dataSource: (url: string) => DataSource;
  features: F;
  /** The app's process-lifetime deps: the core plus what is its own. */
  deps: (core: ServiceCore<C>) => D;
  /** For a subgraph whose mutations answer with secrets: seals the answers kept for Idempotency-Key retries. */
  answerSealer?: (deps: D) => AnswerSealer;
  /** Work before the service accepts requests (e.g. syncing the bootstrap token). */
  beforeListen?: (deps: D) => Promise<void>;
}

export interface RunningSubgraph<D> {
  url: string;
  port: number;
  deps: D;
  close(): Promise<void>;
}

const consumersByQueue = (entries: readonly HandlerEntry[]): Map<QueueName, HandlerEntry[]> => {
  const byQueue = new Map<QueueName, HandlerEntry[]>();
  for (const entry of entries) byQueue.set(entry.definition.queue, [...(byQueue.get(entry.definition.queue) ?? []), entry]);
  return byQueue;
};

export const startSubgraph = async <C extends ConnectedSubgraphConfig, D extends ServiceCore<C>, F extends readonly Feature<D, object>[]>(
  definition: SubgraphDefinition<C, D, F>,
): Promise<RunningSubgraph<D>> => {
  const { name, config, features } = definition;
  // Every subgraph answers for its part of the audit log (audit-trail.ts).
  if (!features.some((f) => f.name === 'audit-trail')) throw new Error(`${name} must list auditTrailFeature('${name}') among its features`);
  const opened = await openServiceCore(name, config, definition.dataSource);
  const deps = definition.deps(opened.core);
  try {
    // Start-up work (the bootstrap token) acts as the system, so its changes are audited like any other.
    await runAs(
      newAccessContext({ actor: { kind: 'system', id: 'start-up' }, trace: null }),
      async () => await definition.beforeListen?.(deps),
    );
    const schema = await buildSubgraphSchema(features as readonly Feature<never, object>[]);
    const http = await startHttpService<RequestContext<D, LoadersOf<F>>>({
      name,
      port: config.port,
      host: config.host,
      log: deps.log,
      verifier: new CredentialVerifier(name, config.trustedKeys),
      schema,
      context: (base) => {
        const scope = scopeOf(base.principal);
        return { ...base, scope, deps, loaders: loadersOf(features, deps, scope) };
      },
      routes: features.flatMap((f) => f.routes?.(deps) ?? []),
      readiness: opened.readiness,
      onWorkDone: (access) => deps.readAudit.record(access),
      plugins: [
        idempotencyPlugin({
          dataSource: deps.dataSource,
          clock: deps.clock,
          log: deps.log,
          sealer: definition.answerSealer?.(deps),
        }),
      ],
    });
    opened.start();
    const consumers = [...consumersByQueue(features.flatMap((f) => f.consumers?.(deps) ?? []))].map(([queue, entries]) =>
      startConsumer(queue, entries, deps.queues, deps.log, { onWorkDone: (access) => deps.readAudit.record(access) }),
    );
    return {
      url: http.url,
      port: http.port,
      deps,
      close: async () => {
        await http.close();
        await Promise.all(consumers.map((w) => w.close()));
        await opened.close();
      },
    };
  } catch (error) {
    await opened.close();
    throw error;
  }
};
