/**
 * The contracts service: clients, contracts, API tokens and viewer, client reports and their
 * delivery state. createApp starts it in-process (tests boot it on port 0).
 */
import 'reflect-metadata';
import type { Queue, Worker } from 'bullmq';
import { CredentialIssuer, CredentialVerifier, createLogger, revocationChannel, systemClock } from '@azukari/common';
import { Outbox, OutboxRelay, ensureDatabase, runMigrationsLocked } from '@azukari/db';
import { createRedis, openQueue, type QueueName } from '@azukari/jobs';
import { ServiceClient, startHttpService } from '@azukari/service-kit';
import type { ContractsConfig } from './config';
import { createContext } from './context';
import { contractsDataSource } from './data-source';
import type { ContractsDeps } from './deps';
import { contractsInternalRoutes } from './internal/routes';
import { buildContractsSchema } from './schema';
import { SecretBox } from './secret-box';
import { ApiTokenService } from './api-token/api-token.service';
import { syncBootstrapAdmin } from './api-token/bootstrap-admin';
import { startContractsConsumers } from './client-report/client-report.consumers';

export { loadContractsConfig, type ContractsConfig } from './config';

export interface ContractsApp {
  url: string;
  port: number;
  deps: ContractsDeps;
  close(): Promise<void>;
}

export const createApp = async (config: ContractsConfig): Promise<ContractsApp> => {
  const log = config.log ?? createLogger('contracts');
  const clock = config.clock ?? systemClock;
  if (config.migrate) await ensureDatabase(config.mysqlUrl);
  const dataSource = contractsDataSource(config.mysqlUrl, config.queryLogger);
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
  const relay = new OutboxRelay({ producer: 'contracts', dataSource, queues: queue, clock, log });
  const issuer = new CredentialIssuer('contracts', config.signingKey);
  const deps: ContractsDeps = {
    config,
    dataSource,
    clock,
    log,
    outbox: new Outbox(clock),
    relay,
    secrets: new SecretBox(config.secretsKey),
    services: new ServiceClient(issuer, config.serviceUrls),
    issuer,
    publisher: producer,
    revocationChannel: revocationChannel(config.queuePrefix),
  };
  await syncBootstrapAdmin(deps, new ApiTokenService(deps));

  const schema = await buildContractsSchema();
  const http = await startHttpService({
    name: 'contracts',
    port: config.port,
    host: config.host,
    log,
    verifier: new CredentialVerifier('contracts', config.trustedKeys),
    schema,
    context: (base) => createContext(deps, base),
    internal: contractsInternalRoutes(deps),
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
  const consumers: Worker[] = startContractsConsumers(deps);

  return {
    url: http.url,
    port: http.port,
    deps,
    close: async () => {
      await http.close();
      await Promise.all(consumers.map((w) => w.close()));
      await relay.stop();
      await Promise.all([...queues.values()].map((q) => q.close()));
      producer.disconnect();
      await dataSource.destroy();
    },
  };
};
