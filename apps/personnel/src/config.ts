/**
 * The personnel service's settings, read and validated once at start.
 *
 * contracts' settings minus its own (token keys, secrets key, admin token) and minus what this
 * slice of personnel does not use: it writes no domain event yet (so no Redis, queue prefix or
 * outbox) and asks no other service (so no signing key or service URLs). The issue that adds the
 * first event or outgoing call adds those settings with it, as contracts' config.ts spells them.
 */
import { DEFAULT_PORTS, credentialSettings, parseEnv, setting, type Clock, type JSONWebKeySet, type Logger } from '@azukari/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { z } from 'zod';

export interface PersonnelConfig {
  port: number;
  host: string;
  mysqlUrl: string;
  migrate: boolean;
  /** The public keys of the gateway and of the services that may call the internal routes. */
  trustedKeys: JSONWebKeySet;
  clock?: Clock;
  log?: Logger;
  queryLogger?: TypeOrmLogger;
}

export const loadPersonnelConfig = (env: NodeJS.ProcessEnv = process.env): PersonnelConfig => {
  const parsed = parseEnv(
    {
      AZUKARI_PERSONNEL_PORT: setting.port(DEFAULT_PORTS.personnel),
      AZUKARI_HOST: z.string().default('127.0.0.1'),
      AZUKARI_MYSQL_URL: setting.mysqlUrl('mariadb://root@127.0.0.1:3306'),
      AZUKARI_PERSONNEL_MYSQL_URL: setting.mysqlUrl('').optional(),
      AZUKARI_MIGRATE_ON_START: setting.bool(true),
      AZUKARI_TRUSTED_KEYS: credentialSettings.AZUKARI_TRUSTED_KEYS,
    },
    env,
  );
  return {
    port: parsed.AZUKARI_PERSONNEL_PORT,
    host: parsed.AZUKARI_HOST,
    mysqlUrl: parsed.AZUKARI_PERSONNEL_MYSQL_URL || `${parsed.AZUKARI_MYSQL_URL.replace(/\/$/, '')}/azukari_personnel`,
    migrate: parsed.AZUKARI_MIGRATE_ON_START,
    trustedKeys: parsed.AZUKARI_TRUSTED_KEYS,
  };
};
