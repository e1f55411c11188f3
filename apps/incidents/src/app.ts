/**
 * The incidents service: incidents (leakage, loss or damage, actual or suspected; Art 5.1, 7.1)
 * and the contracts they touch. Reporting one writes an IncidentReported event to the outbox,
 * which the relay moves to BullMQ for contracts to record and deliver a report to each affected
 * client. createApp starts it in-process (tests boot it on port 0).
 */
import 'reflect-metadata';
import { CredentialVerifier } from '@azukari/common';
import { openServiceCore } from '@azukari/db';
import { startHttpService } from '@azukari/service-kit';
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
  const core = await openServiceCore('incidents', config, (url) => incidentsDataSource(url, config.queryLogger));
  const { dataSource, clock, log, outbox, relay, services } = core;
  const deps: IncidentsDeps = { config, dataSource, clock, log, outbox, relay, services };

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
