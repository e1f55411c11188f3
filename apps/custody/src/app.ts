/**
 * The custody service: data assets held for clients (and, in later features, their copies,
 * take-outs, return and disposal). createApp starts it in-process (tests boot it on port 0).
 */
import 'reflect-metadata';
import { CredentialVerifier } from '@azukari/common';
import { openServiceCore } from '@azukari/db';
import { startHttpService } from '@azukari/service-kit';
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
  const core = await openServiceCore('custody', config, (url) => custodyDataSource(url, config.queryLogger));
  const { dataSource, clock, log, outbox, relay, services } = core;
  const deps: CustodyDeps = { config, dataSource, clock, log, outbox, relay, services };

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
    readiness: core.readiness,
  });
  core.start();

  return {
    url: http.url,
    port: http.port,
    deps,
    close: async () => {
      await http.close();
      await core.close();
    },
  };
};
