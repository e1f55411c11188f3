/** The custody service's settings, read and validated once at start. */
import { loadConnectedSubgraphConfig, type ConnectedSubgraphConfig } from '@azukari/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

export interface CustodyConfig extends ConnectedSubgraphConfig {
  queryLogger?: TypeOrmLogger;
}

export const loadCustodyConfig = (env: NodeJS.ProcessEnv = process.env): CustodyConfig =>
  loadConnectedSubgraphConfig('custody', env).config;
