/**
 * The incidents service: incidents (leakage, loss or damage, actual or suspected; Art 5.1, 7.1)
 * and the contracts they touch. Reporting one asks for a report to each affected client through
 * the outbox (client-report.requested), which contracts records and delivers. createApp starts it
 * in-process (tests boot it on port 0).
 */
import 'reflect-metadata';
import { startSubgraph, type RunningSubgraph } from '@azukari/service-kit';
import type { IncidentsConfig } from './config';
import { incidentsDataSource } from './data-source';
import type { IncidentsDeps } from './deps';
import { INCIDENTS_FEATURES } from './features';

export { loadIncidentsConfig, type IncidentsConfig } from './config';

export type IncidentsApp = RunningSubgraph<IncidentsDeps>;

export const createApp = async (config: IncidentsConfig): Promise<IncidentsApp> =>
  await startSubgraph({
    name: 'incidents',
    config,
    dataSource: (url) => incidentsDataSource(url, config.queryLogger),
    features: INCIDENTS_FEATURES,
    deps: (core): IncidentsDeps => core,
  });
