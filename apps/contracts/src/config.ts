/** The contracts service's settings, read and validated once at start. */
import {
  ConfigError,
  credentialSettings,
  DEFAULT_PORTS,
  parseEnv,
  serviceUrlSettings,
  serviceUrlsFrom,
  setting,
  DEV_ADMIN_TOKEN,
  type Clock,
  type Logger,
  type SubgraphName,
  type JWK,
  type JSONWebKeySet,
} from '@azukari/common';

import type { Logger as TypeOrmLogger } from 'typeorm';
import { z } from 'zod';

export interface ContractsConfig {
  port: number;
  host: string;
  mysqlUrl: string;
  migrate: boolean;
  redisUrl: string;
  queuePrefix: string;
  signingKey: JWK;
  trustedKeys: JSONWebKeySet;
  serviceUrls: Record<SubgraphName, string>;
  /** HMAC key of API tokens: only HMAC-SHA-256(token) is stored. */
  tokenHmacKey: string;
  /** AES-256-GCM key that encrypts webhook signing secrets at rest. */
  secretsKey: Buffer;
  adminToken: string | null;
  /** How long a partner token lives when its creator names no expiry. */
  defaultTokenDays: number;
  clock?: Clock;
  log?: Logger;
  queryLogger?: TypeOrmLogger;
}

export const loadContractsConfig = (env: NodeJS.ProcessEnv = process.env): ContractsConfig => {
  const parsed = parseEnv(
    {
      AZUKARI_CONTRACTS_PORT: setting.port(DEFAULT_PORTS.contracts),
      AZUKARI_HOST: z.string().default('127.0.0.1'),
      AZUKARI_MYSQL_URL: setting.mysqlUrl('mariadb://root@127.0.0.1:3306'),
      AZUKARI_CONTRACTS_MYSQL_URL: setting.mysqlUrl('').optional(),
      AZUKARI_MIGRATE_ON_START: setting.bool(true),
      AZUKARI_REDIS_URL: setting.redisUrl('redis://127.0.0.1:6379'),
      AZUKARI_QUEUE_PREFIX: setting.queuePrefix(),
      ...credentialSettings,
      ...serviceUrlSettings,
      AZUKARI_TOKEN_HMAC_KEY: setting.secret(32),
      AZUKARI_SECRETS_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)'),
      AZUKARI_ADMIN_TOKEN: setting.apiToken().optional(),
      AZUKARI_TOKEN_DEFAULT_DAYS: z.coerce.number().int().min(1).max(730).default(90),
      NODE_ENV: z.string().default('development'),
    },
    env,
  );
  if (parsed.NODE_ENV === 'production' && parsed.AZUKARI_ADMIN_TOKEN === DEV_ADMIN_TOKEN) {
    throw new ConfigError([
      'AZUKARI_ADMIN_TOKEN: the development value from .env.example is refused in production; set a token of your own',
    ]);
  }
  return {
    port: parsed.AZUKARI_CONTRACTS_PORT,
    host: parsed.AZUKARI_HOST,
    mysqlUrl: parsed.AZUKARI_CONTRACTS_MYSQL_URL || `${parsed.AZUKARI_MYSQL_URL.replace(/\/$/, '')}/azukari_contracts`,
    migrate: parsed.AZUKARI_MIGRATE_ON_START,
    redisUrl: parsed.AZUKARI_REDIS_URL,
    queuePrefix: parsed.AZUKARI_QUEUE_PREFIX,
    signingKey: parsed.AZUKARI_SIGNING_KEY,
    trustedKeys: parsed.AZUKARI_TRUSTED_KEYS,
    serviceUrls: serviceUrlsFrom(parsed),
    tokenHmacKey: parsed.AZUKARI_TOKEN_HMAC_KEY,
    secretsKey: Buffer.from(parsed.AZUKARI_SECRETS_KEY, 'hex'),
    adminToken: parsed.AZUKARI_ADMIN_TOKEN ?? null,
    defaultTokenDays: parsed.AZUKARI_TOKEN_DEFAULT_DAYS,
  };
};
