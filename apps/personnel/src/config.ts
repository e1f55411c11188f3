/**
 * The personnel service's settings, read and validated once at start. It publishes no events and
 * calls no other service yet: it needs no Redis, signing key or service URLs.
 */
import { loadSubgraphConfig, type SubgraphConfig } from '@azukari/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

export interface PersonnelConfig extends SubgraphConfig {
  queryLogger?: TypeOrmLogger;
}

export const loadPersonnelConfig = (env: NodeJS.ProcessEnv = process.env): PersonnelConfig => loadSubgraphConfig('personnel', env).config;
