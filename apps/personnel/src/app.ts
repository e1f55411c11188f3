/**
 * The personnel service: employees and custodianships (asset -> employee), the only source of
 * DataAsset.custodian. createApp starts it in-process (tests boot it on port 0).
 */
import 'reflect-metadata';
import { startSubgraph, type RunningSubgraph } from '@azukari/service-kit';
import type { PersonnelConfig } from './config';
import { personnelDataSource } from './data-source';
import type { PersonnelDeps } from './deps';
import { PERSONNEL_FEATURES } from './features';

export { loadPersonnelConfig, type PersonnelConfig } from './config';

export type PersonnelApp = RunningSubgraph<PersonnelDeps>;

export const createApp = async (config: PersonnelConfig): Promise<PersonnelApp> =>
  await startSubgraph({
    name: 'personnel',
    config,
    dataSource: (url) => personnelDataSource(url, config.queryLogger),
    features: PERSONNEL_FEATURES,
    deps: (core): PersonnelDeps => core,
  });
