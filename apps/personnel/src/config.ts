/**
 * The personnel service's settings, read and validated once at start. It consumes the events of
 * other services (custodianships follow custody's writes) and publishes its own through Redis.
 */
import { loadConnectedSubgraphConfig, type ConnectedSubgraphConfig } from '@azukari/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

export interface PersonnelConfig extends ConnectedSubgraphConfig {
  queryLogger?: TypeOrmLogger;
}

export const loadPersonnelConfig = (env: NodeJS.ProcessEnv = process.env): PersonnelConfig =>
  loadConnectedSubgraphConfig('personnel', env).config;
