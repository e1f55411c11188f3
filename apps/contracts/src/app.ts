/**
 * The contracts service: clients, contracts, API tokens and viewer, client reports and their
 * delivery state. createApp starts it in-process (tests boot it on port 0).
 */
import 'reflect-metadata';
import type { Worker } from 'bullmq';
import { CredentialVerifier, revocationChannel } from '@azukari/common';
import { openServiceCore } from '@azukari/db';
import { startHttpService } from '@azukari/service-kit';
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
  const core = await openServiceCore('contracts', config, (url) => contractsDataSource(url, config.queryLogger));
  const { dataSource, clock, log, outbox, relay, services, issuer } = core;
  const deps: ContractsDeps = {
    config,
    dataSource,
    clock,
    log,
    outbox,
    relay,
    secrets: new SecretBox(config.secretsKey),
    services,
    issuer,
    publisher: core.producer.redis,
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
    readiness: core.readiness,
  });
  core.start();
  const consumers: Worker[] = startContractsConsumers(deps);

  return {
    url: http.url,
    port: http.port,
    deps,
    close: async () => {
      await http.close();
      await Promise.all(consumers.map((w) => w.close()));
      await core.close();
    },
  };
};
