/** The gateway's settings, read and validated once at start. */
import { join } from 'node:path';
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

export interface Limits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Requests per token per minute. */
  requestsPerMinute: number;
}

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphPath: string;
  signingKey: JWK;
  serviceUrls: Record<SubgraphName, string>;
  redisUrl: string;
  queuePrefix: string;
  /** How long a verified token is trusted without asking contracts again (revocations are pushed). */
  tokenCacheMs: number;
  limits: Limits;
  clock?: Clock;
  log?: Logger;
}

export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig => {
  const parsed = parseEnv(
    {
      AZUKARI_GATEWAY_PORT: setting.port(DEFAULT_PORTS.gateway),
      AZUKARI_HOST: z.string().default('127.0.0.1'),
      AZUKARI_SUPERGRAPH_PATH: z.string().default(join(__dirname, '..', 'supergraph.graphql')),
      AZUKARI_SIGNING_KEY: credentialSettings.AZUKARI_SIGNING_KEY,
      ...serviceUrlSettings,
      AZUKARI_REDIS_URL: setting.redisUrl('redis://127.0.0.1:6379'),
      AZUKARI_QUEUE_PREFIX: setting.queuePrefix(),
      AZUKARI_TOKEN_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
      AZUKARI_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
      AZUKARI_MAX_COST: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
      AZUKARI_MAX_ALIASES: z.coerce.number().int().min(1).max(100).default(20),
      AZUKARI_MAX_TOKENS: z.coerce.number().int().min(100).max(100_000).default(5_000),
      AZUKARI_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
    },
    env,
  );
  return {
    port: parsed.AZUKARI_GATEWAY_PORT,
    host: parsed.AZUKARI_HOST,
    supergraphPath: parsed.AZUKARI_SUPERGRAPH_PATH,
    signingKey: parsed.AZUKARI_SIGNING_KEY,
    serviceUrls: serviceUrlsFrom(parsed),
    redisUrl: parsed.AZUKARI_REDIS_URL,
    queuePrefix: parsed.AZUKARI_QUEUE_PREFIX,
    tokenCacheMs: parsed.AZUKARI_TOKEN_CACHE_SECONDS * 1000,
    limits: {
      maxDepth: parsed.AZUKARI_MAX_DEPTH,
      maxCost: parsed.AZUKARI_MAX_COST,
      maxAliases: parsed.AZUKARI_MAX_ALIASES,
      maxTokens: parsed.AZUKARI_MAX_TOKENS,
      maxDirectives: 20,
      requestsPerMinute: parsed.AZUKARI_RATE_LIMIT_PER_MINUTE,
    },
  };
};
