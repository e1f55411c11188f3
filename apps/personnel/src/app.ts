/**
 * The personnel service: employees and custodianships (asset -> employee), the only source of
 * DataAsset.custodian. createApp starts it in-process (tests boot it on port 0).
 */
import 'reflect-metadata';
import { CredentialVerifier, createLogger, systemClock } from '@azukari/common';
import { ensureDatabase, runMigrationsLocked } from '@azukari/db';
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
  if (config.migrate) await ensureDatabase(config.mysqlUrl);
  const dataSource = personnelDataSource(config.mysqlUrl, config.queryLogger);
  await dataSource.initialize();
  if (config.migrate) await runMigrationsLocked(dataSource);

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
      mysql: await dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
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
