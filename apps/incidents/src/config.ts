/** The incidents service's settings, read and validated once at start. */
import { loadConnectedSubgraphConfig, type ConnectedSubgraphConfig } from '@azukari/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

export interface IncidentsConfig extends ConnectedSubgraphConfig {
  queryLogger?: TypeOrmLogger;
}

export const loadIncidentsConfig = (env: NodeJS.ProcessEnv = process.env): IncidentsConfig =>
  loadConnectedSubgraphConfig('incidents', env).config;
