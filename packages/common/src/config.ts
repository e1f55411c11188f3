/**
 * Configuration is read once at start from the environment, validated by a zod model, and every
 * problem is reported at once, naming the setting (Hive console's environment.ts does the same).
 */
import { z } from 'zod';
import type { JSONWebKeySet, JWK } from 'jose';
import { ConfigError } from './errors';
import { isWellFormedApiToken } from './api-token';
import type { Clock } from './clock';
import type { Logger } from './logging';

// Apollo's gateway otherwise probes cloud metadata addresses and reports usage to Apollo.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

export const SERVICES = ['contracts', 'custody', 'personnel', 'incidents'] as const;
export type SubgraphName = (typeof SERVICES)[number];
export type ServiceName = SubgraphName | 'gateway' | 'worker';

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  gateway: 4000,
  contracts: 4001,
  custody: 4002,
  personnel: 4003,
  incidents: 4004,
  worker: 4005,
};

export const envName = (service: string, setting: string): string => `AZUKARI_${service.toUpperCase()}_${setting}`;

const jsonOf = <T extends z.ZodTypeAny>(schema: T) =>
  z.string().transform((text, ctx) => {
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data as z.infer<T>;
      ctx.addIssue({ code: 'custom', message: parsed.error.issues.map((i) => i.message).join('; ') });
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
    }
    return z.NEVER;
  });

const jwk = z.looseObject({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string() });

/** Reusable setting types. */
export const setting = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  url: (fallback?: string) => (fallback === undefined ? z.url() : z.url().default(fallback)),
  mysqlUrl: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .refine(
        (v) => /^(mysql|mariadb):\/\/[^/]+(\/[A-Za-z0-9_]*)?(\?.*)?$/.test(v),
        'must look like mysql://user:password@host:port/database (or mariadb://...)',
      ),
  redisUrl: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .refine((v) => /^rediss?:\/\//.test(v), 'must look like redis://host:port'),
  secret: (minLength = 32) => z.string().min(minLength, `must be at least ${minLength} characters`),
  privateJwk: () => jsonOf(jwk.extend({ d: z.string() })).transform((v) => v as JWK),
  jwks: () => jsonOf(z.object({ keys: z.array(jwk).min(1) })).transform((v) => v as JSONWebKeySet),
  apiToken: () => z.string().refine(isWellFormedApiToken, 'is not a well-formed Azukari token (azk_..., with a valid checksum)'),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  queuePrefix: () =>
    z
      .string()
      .default('{azukari}')
      .refine((v) => /^\{[A-Za-z0-9_-]+\}$/.test(v), 'must be a Redis hash tag such as {azukari}'),
};

/** Parse `env` with `shape`; throw one ConfigError that names every bad setting. */
export const parseEnv = <S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<S>> => {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) input[key] = env[key] === '' ? undefined : env[key];
  const result = z.object(shape).safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        return input[name] === undefined ? `${name}: is required (${issue.message})` : `${name}: ${issue.message}`;
      }),
    );
  }
  return result.data;
};

/** The shared settings of every process that talks to other services. */
export const credentialSettings = {
  AZUKARI_SIGNING_KEY: setting.privateJwk(),
  AZUKARI_TRUSTED_KEYS: setting.jwks(),
};

export const serviceUrlSettings = Object.fromEntries(
  SERVICES.map((name) => [envName(name, 'URL'), setting.url(`http://127.0.0.1:${DEFAULT_PORTS[name]}`)]),
) as Record<`AZUKARI_${Uppercase<SubgraphName>}_URL`, z.ZodDefault<z.ZodURL>>;

export const serviceUrlsFrom = (env: Record<string, unknown>): Record<SubgraphName, string> =>
  Object.fromEntries(SERVICES.map((name) => [name, String(env[envName(name, 'URL')])])) as Record<SubgraphName, string>;

/** What every subgraph reads: where it listens, its own database, whether it migrates, whom it trusts. */
export interface SubgraphConfig {
  port: number;
  host: string;
  mysqlUrl: string;
  migrate: boolean;
  trustedKeys: JSONWebKeySet;
  /** Whether reads of clients' data are appended to the audit log (default on); off only to measure their cost. */
  auditReads?: boolean;
  clock?: Clock;
  log?: Logger;
}

/** A subgraph that publishes events and calls other services. */
export interface ConnectedSubgraphConfig extends SubgraphConfig {
  redisUrl: string;
  queuePrefix: string;
  signingKey: JWK;
  serviceUrls: Record<SubgraphName, string>;
  /** Multiplies every job retry wait; tests that wait out many retries set it small. */
  backoffScale?: number;
}

/** Where a service's database is: its own database on the shared server, unless it has a server of its own. */
export const databaseSettings = (service: SubgraphName): z.ZodRawShape => ({
  AZUKARI_MYSQL_URL: setting.mysqlUrl('mariadb://root@127.0.0.1:3306'),
  [envName(service, 'MYSQL_URL')]: setting.mysqlUrl('').optional(),
});

export const databaseUrlFrom = (service: SubgraphName, parsed: Record<string, unknown>): string =>
  (parsed[envName(service, 'MYSQL_URL')] as string | undefined) ||
  `${String(parsed.AZUKARI_MYSQL_URL).replace(/\/$/, '')}/azukari_${service}`;

const subgraphShape = (service: SubgraphName): z.ZodRawShape => ({
  [envName(service, 'PORT')]: setting.port(DEFAULT_PORTS[service]),
  AZUKARI_HOST: z.string().default('127.0.0.1'),
  ...databaseSettings(service),
  AZUKARI_MIGRATE_ON_START: setting.bool(true),
  AZUKARI_AUDIT_READS: setting.bool(true),
  AZUKARI_TRUSTED_KEYS: credentialSettings.AZUKARI_TRUSTED_KEYS,
});

const connectedShape: z.ZodRawShape = {
  AZUKARI_REDIS_URL: setting.redisUrl('redis://127.0.0.1:6379'),
  AZUKARI_QUEUE_PREFIX: setting.queuePrefix(),
  AZUKARI_SIGNING_KEY: credentialSettings.AZUKARI_SIGNING_KEY,
  ...serviceUrlSettings,
};

const pick = <S extends z.ZodRawShape>(shape: S, parsed: Record<string, unknown>): z.infer<z.ZodObject<S>> =>
  Object.fromEntries(Object.keys(shape).map((key) => [key, parsed[key]])) as z.infer<z.ZodObject<S>>;

const subgraphFrom = (service: SubgraphName, parsed: Record<string, any>): SubgraphConfig => ({
  port: parsed[envName(service, 'PORT')],
  host: parsed.AZUKARI_HOST,
  mysqlUrl: databaseUrlFrom(service, parsed),
  migrate: parsed.AZUKARI_MIGRATE_ON_START,
  auditReads: parsed.AZUKARI_AUDIT_READS,
  trustedKeys: parsed.AZUKARI_TRUSTED_KEYS,
});

/** A subgraph's settings plus `extra` ones of its own, validated together (every problem at once). */
export const loadSubgraphConfig = <S extends z.ZodRawShape>(
  service: SubgraphName,
  env: NodeJS.ProcessEnv,
  extra: S = {} as S,
): { config: SubgraphConfig; extra: z.infer<z.ZodObject<S>> } => {
  const parsed = parseEnv({ ...subgraphShape(service), ...extra }, env) as Record<string, any>;
  return { config: subgraphFrom(service, parsed), extra: pick(extra, parsed) };
};

export const loadConnectedSubgraphConfig = <S extends z.ZodRawShape>(
  service: SubgraphName,
  env: NodeJS.ProcessEnv,
  extra: S = {} as S,
): { config: ConnectedSubgraphConfig; extra: z.infer<z.ZodObject<S>> } => {
  const parsed = parseEnv({ ...subgraphShape(service), ...connectedShape, ...extra }, env) as Record<string, any>;
  return {
    config: {
      ...subgraphFrom(service, parsed),
      redisUrl: parsed.AZUKARI_REDIS_URL,
      queuePrefix: parsed.AZUKARI_QUEUE_PREFIX,
      signingKey: parsed.AZUKARI_SIGNING_KEY,
      serviceUrls: serviceUrlsFrom(parsed),
    },
    extra: pick(extra, parsed),
  };
};

/** For readiness checks: did the probe answer? */
export const answers = async (probe: Promise<unknown>): Promise<boolean> =>
  await probe.then(
    () => true,
    () => false,
  );
