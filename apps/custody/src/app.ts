/**
 * The custody service: data assets held for clients (and, in later features, their copies,
 * take-outs, return and disposal). createApp starts it in-process (tests boot it on port 0).
 */
import 'reflect-metadata';
import { startSubgraph, type RunningSubgraph } from '@azukari/service-kit';
import type { CustodyConfig } from './config';
import { custodyDataSource } from './data-source';
import type { CustodyDeps } from './deps';
import { CUSTODY_FEATURES } from './features';

export { loadCustodyConfig, type CustodyConfig } from './config';

export type CustodyApp = RunningSubgraph<CustodyDeps>;

export const createApp = async (config: CustodyConfig): Promise<CustodyApp> =>
  await startSubgraph({
    name: 'custody',
    config,
    dataSource: (url) => custodyDataSource(url, config.queryLogger),
    features: CUSTODY_FEATURES,
    deps: (core): CustodyDeps => core,
  });
