/** The contracts service's settings, read and validated once at start. */
import { ConfigError, DEV_ADMIN_TOKEN, loadConnectedSubgraphConfig, setting, type ConnectedSubgraphConfig } from '@azukari/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { z } from 'zod';
import type { ReportAnswerHandler } from './client-report/report-answer';

export interface ContractsConfig extends ConnectedSubgraphConfig {
  /** HMAC key of API tokens: only HMAC-SHA-256(token) is stored. */
  tokenHmacKey: string;
  /** AES-256-GCM key that encrypts webhook signing secrets at rest. */
  secretsKey: Buffer;
  /** HMAC-SHA-256 key (HS256, jose) that signs the answer links in report emails. */
  reportLinkKey: Buffer;
  adminToken: string | null;
  /** How long a partner token lives when its creator names no expiry. */
  defaultTokenDays: number;
  queryLogger?: TypeOrmLogger;
  /**
   * The report kinds that ask for an answer, with their handlers: REPORT_ANSWERS (report-answers.ts)
   * unless a test gives its own. Not a setting: nothing in the environment changes it.
   */
  reportAnswers?: readonly ReportAnswerHandler[];
}

export const loadContractsConfig = (env: NodeJS.ProcessEnv = process.env): ContractsConfig => {
  const { config, extra } = loadConnectedSubgraphConfig('contracts', env, {
    AZUKARI_TOKEN_HMAC_KEY: setting.secret(32),
    AZUKARI_SECRETS_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)'),
    AZUKARI_REPORT_LINK_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)'),
    AZUKARI_ADMIN_TOKEN: setting.apiToken().optional(),
    AZUKARI_TOKEN_DEFAULT_DAYS: z.coerce.number().int().min(1).max(730).default(90),
    NODE_ENV: z.string().default('development'),
  });
  if (extra.NODE_ENV === 'production' && extra.AZUKARI_ADMIN_TOKEN === DEV_ADMIN_TOKEN) {
    throw new ConfigError([
      'AZUKARI_ADMIN_TOKEN: the development value from .env.example is refused in production; set a token of your own',
    ]);
  }
  return {
    ...config,
    tokenHmacKey: extra.AZUKARI_TOKEN_HMAC_KEY,
    secretsKey: Buffer.from(extra.AZUKARI_SECRETS_KEY, 'hex'),
    reportLinkKey: Buffer.from(extra.AZUKARI_REPORT_LINK_KEY, 'hex'),
    adminToken: extra.AZUKARI_ADMIN_TOKEN ?? null,
    defaultTokenDays: extra.AZUKARI_TOKEN_DEFAULT_DAYS,
  };
};
