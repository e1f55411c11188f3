/** The custody service's settings, read and validated once at start. */
import {
  credentialSettings,
  DEFAULT_PORTS,
  parseEnv,
  serviceUrlSettings,
  serviceUrlsFrom,
  setting,
  type Clock,
  type Logger,
  type SubgraphName,
  type JWK,
  type JSONWebKeySet,
} from '@azukari/common';

import type { Logger as TypeOrmLogger } from 'typeorm';
import { z } from 'zod';

export interface CustodyConfig {
  port: number;
  host: string;
  mysqlUrl: string;
  migrate: boolean;
  redisUrl: string;
  queuePrefix: string;
  signingKey: JWK;
  trustedKeys: JSONWebKeySet;
  serviceUrls: Record<SubgraphName, string>;
  clock?: Clock;
  log?: Logger;
  queryLogger?: TypeOrmLogger;
}

export const loadCustodyConfig = (env: NodeJS.ProcessEnv = process.env): CustodyConfig => {
  const parsed = parseEnv(
    {
      AZUKARI_CUSTODY_PORT: setting.port(DEFAULT_PORTS.custody),
      AZUKARI_HOST: z.string().default('127.0.0.1'),
      AZUKARI_MYSQL_URL: setting.mysqlUrl('mariadb://root@127.0.0.1:3306'),
      AZUKARI_CUSTODY_MYSQL_URL: setting.mysqlUrl('').optional(),
      AZUKARI_MIGRATE_ON_START: setting.bool(true),
      AZUKARI_REDIS_URL: setting.redisUrl('redis://127.0.0.1:6379'),
      AZUKARI_QUEUE_PREFIX: setting.queuePrefix(),
      ...credentialSettings,
      ...serviceUrlSettings,
    },
    env,
  );
  return {
    port: parsed.AZUKARI_CUSTODY_PORT,
    host: parsed.AZUKARI_HOST,
    mysqlUrl: parsed.AZUKARI_CUSTODY_MYSQL_URL || `${parsed.AZUKARI_MYSQL_URL.replace(/\/$/, '')}/azukari_custody`,
    migrate: parsed.AZUKARI_MIGRATE_ON_START,
    redisUrl: parsed.AZUKARI_REDIS_URL,
    queuePrefix: parsed.AZUKARI_QUEUE_PREFIX,
    signingKey: parsed.AZUKARI_SIGNING_KEY,
    trustedKeys: parsed.AZUKARI_TRUSTED_KEYS,
    serviceUrls: serviceUrlsFrom(parsed),
  };
};
