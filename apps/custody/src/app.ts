/**
 * The custody service: data assets held for clients (and, in later features, their copies,
 * take-outs, return and disposal). createApp starts it in-process (tests boot it on port 0).
 */
import 'reflect-metadata';
import type { Queue } from 'bullmq';
import { CredentialIssuer, CredentialVerifier, createLogger, systemClock } from '@azukari/common';
import { Outbox, OutboxRelay, ensureDatabase, runMigrationsLocked } from '@azukari/db';
import { createRedis, openQueue, type QueueName } from '@azukari/jobs';
import { ServiceClient, startHttpService } from '@azukari/service-kit';
import type { CustodyConfig } from './config';
import { createContext } from './context';
import { custodyDataSource } from './data-source';
import type { CustodyDeps } from './deps';
import { custodyInternalRoutes } from './internal/routes';
import { buildCustodySchema } from './schema';

export { loadCustodyConfig, type CustodyConfig } from './config';

export interface CustodyApp {
  url: string;
  port: number;
  deps: CustodyDeps;
  close(): Promise<void>;
}

export const createApp = async (config: CustodyConfig): Promise<CustodyApp> => {
  const log = config.log ?? createLogger('custody');
  const clock = config.clock ?? systemClock;
  if (config.migrate) await ensureDatabase(config.mysqlUrl);
  const dataSource = custodyDataSource(config.mysqlUrl, config.queryLogger);
  await dataSource.initialize();
  if (config.migrate) await runMigrationsLocked(dataSource);

  const queueSettings = { redisUrl: config.redisUrl, prefix: config.queuePrefix };
  const producer = createRedis(config.redisUrl, 'producer');
  const queues = new Map<QueueName, Queue>();
  const queue = (name: QueueName): Queue => {
    let q = queues.get(name);
    if (!q) queues.set(name, (q = openQueue(name, queueSettings, producer)));
    return q;
  };
  const relay = new OutboxRelay({ producer: 'custody', dataSource, queues: queue, clock, log });
  const deps: CustodyDeps = {
    config,
    dataSource,
    clock,
    log,
    outbox: new Outbox(clock),
    relay,
    services: new ServiceClient(new CredentialIssuer('custody', config.signingKey), config.serviceUrls),
  };

  const schema = await buildCustodySchema();
  const http = await startHttpService({
    name: 'custody',
    port: config.port,
    host: config.host,
    log,
    verifier: new CredentialVerifier('custody', config.trustedKeys),
    schema,
    context: (base) => createContext(deps, base),
    internal: custodyInternalRoutes(deps),
    readiness: async () => ({
      mysql: await dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      redis: await producer.ping().then(
        () => true,
        () => false,
      ),
    }),
  });
  relay.start();

  return {
    url: http.url,
    port: http.port,
    deps,
    close: async () => {
      await http.close();
      await relay.stop();
      await Promise.all([...queues.values()].map((q) => q.close()));
      producer.disconnect();
      await dataSource.destroy();
    },
  };
};
