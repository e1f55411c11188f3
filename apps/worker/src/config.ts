/** The worker's settings, read and validated once at start. */
import {
  credentialSettings,
  DEFAULT_PORTS,
  parseEnv,
  serviceUrlSettings,
  serviceUrlsFrom,
  setting,
  type Clock,
  type JWK,
  type Logger,
  type SubgraphName,
} from '@azukari/common';
import { z } from 'zod';
import { documentStoreConfigFrom, documentStoreSettings, type DocumentStoreConfig } from '@azukari/documents';

export interface WorkerConfig {
  port: number;
  host: string;
  redisUrl: string;
  queuePrefix: string;
  signingKey: JWK;
  serviceUrls: Record<SubgraphName, string>;
  deliveryTimeoutMs: number;
  /** Where rendered documents are stored; a local directory under .azukari/documents when unset. */
  documents?: DocumentStoreConfig;
  /** Multiplies every job retry wait; tests that wait out many retries set it small. */
  backoffScale?: number;
  clock?: Clock;
  log?: Logger;
}

export const loadWorkerConfig = (env: NodeJS.ProcessEnv = process.env): WorkerConfig => {
  const parsed = parseEnv(
    {
      AZUKARI_WORKER_PORT: setting.port(DEFAULT_PORTS.worker),
      AZUKARI_HOST: z.string().default('127.0.0.1'),
      AZUKARI_REDIS_URL: setting.redisUrl('redis://127.0.0.1:6379'),
      AZUKARI_QUEUE_PREFIX: setting.queuePrefix(),
      AZUKARI_SIGNING_KEY: credentialSettings.AZUKARI_SIGNING_KEY,
      ...serviceUrlSettings,
      AZUKARI_DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
      ...documentStoreSettings,
    },
    env,
  );
  return {
    port: parsed.AZUKARI_WORKER_PORT,
    host: parsed.AZUKARI_HOST,
    redisUrl: parsed.AZUKARI_REDIS_URL,
    queuePrefix: parsed.AZUKARI_QUEUE_PREFIX,
    signingKey: parsed.AZUKARI_SIGNING_KEY,
    serviceUrls: serviceUrlsFrom(parsed),
    deliveryTimeoutMs: parsed.AZUKARI_DELIVERY_TIMEOUT_MS,
    documents: documentStoreConfigFrom(parsed),
  };
};
