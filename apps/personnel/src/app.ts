/**
 * The personnel service: employees and custodianships (asset -> employee), the only source of
 * DataAsset.custodian. createApp starts it in-process (tests boot it on port 0).
 */
import 'reflect-metadata';
import { CredentialVerifier, answers, createLogger, systemClock } from '@azukari/common';
import { openServiceDatabase } from '@azukari/db';
import { startHttpService } from '@azukari/service-kit';
import type { PersonnelConfig } from './config';
import { createContext } from './context';
import { personnelDataSource } from './data-source';
import type { PersonnelDeps } from './deps';
import { personnelInternalRoutes } from './internal/routes';
import { buildPersonnelSchema } from './schema';

export { loadPersonnelConfig, type PersonnelConfig } from './config';

export interface PersonnelApp {
  url: string;
  port: number;
  deps: PersonnelDeps;
  close(): Promise<void>;
}

export const createApp = async (config: PersonnelConfig): Promise<PersonnelApp> => {
  const log = config.log ?? createLogger('personnel');
  const clock = config.clock ?? systemClock;
  const dataSource = await openServiceDatabase(config.mysqlUrl, config.migrate, (url) => personnelDataSource(url, config.queryLogger));

  const deps: PersonnelDeps = { config, dataSource, clock, log };
  const schema = await buildPersonnelSchema();
  const http = await startHttpService({
    name: 'personnel',
    port: config.port,
    host: config.host,
    log,
    verifier: new CredentialVerifier('personnel', config.trustedKeys),
    schema,
    context: (base) => createContext(deps, base),
    internal: personnelInternalRoutes(deps),
    readiness: async () => ({
      mysql: await answers(dataSource.query('SELECT 1')),
    }),
  });

  return {
    url: http.url,
    port: http.port,
    deps,
    close: async () => {
      await http.close();
      await dataSource.destroy();
    },
  };
};
