/**
 * The incidents service: incidents (leakage, loss or damage, actual or suspected; Art 5.1, 7.1)
 * and the contracts they touch. Reporting one writes an IncidentReported event to the outbox,
 * which the relay moves to BullMQ for contracts to record and deliver a report to each affected
 * client. createApp starts it in-process (tests boot it on port 0).
 */
import 'reflect-metadata';
import type { Queue } from 'bullmq';
import { CredentialIssuer, CredentialVerifier, createLogger, systemClock } from '@azukari/common';
import { Outbox, OutboxRelay, ensureDatabase, runMigrationsLocked } from '@azukari/db';
import { createRedis, openQueue, type QueueName } from '@azukari/jobs';
import { ServiceClient, startHttpService } from '@azukari/service-kit';
import type { IncidentsConfig } from './config';
import { createContext } from './context';
import { incidentsDataSource } from './data-source';
import type { IncidentsDeps } from './deps';
import { buildIncidentsSchema } from './schema';

export { loadIncidentsConfig, type IncidentsConfig } from './config';

export interface IncidentsApp {
  url: string;
  port: number;
  deps: IncidentsDeps;
  close(): Promise<void>;
}

export const createApp = async (config: IncidentsConfig): Promise<IncidentsApp> => {
  const log = config.log ?? createLogger('incidents');
  const clock = config.clock ?? systemClock;
  if (config.migrate) await ensureDatabase(config.mysqlUrl);
  const dataSource = incidentsDataSource(config.mysqlUrl, config.queryLogger);
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
  const relay = new OutboxRelay({ producer: 'incidents', dataSource, queues: queue, clock, log });
  const deps: IncidentsDeps = {
    config,
    dataSource,
    clock,
    log,
    outbox: new Outbox(clock),
    relay,
    services: new ServiceClient(new CredentialIssuer('incidents', config.signingKey), config.serviceUrls),
  };

  const schema = await buildIncidentsSchema();
  // No internal routes yet: no other service asks incidents for a fact.
  const http = await startHttpService({
    name: 'incidents',
    port: config.port,
    host: config.host,
    log,
    verifier: new CredentialVerifier('incidents', config.trustedKeys),
    schema,
    context: (base) => createContext(deps, base),
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
