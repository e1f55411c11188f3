/** The worker's settings, read and validated once at start. */
import {
  ConfigError,
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
import type { ScheduleDefinition } from '@azukari/jobs';
import { z } from 'zod';
import { parseAllowList, type AllowedTarget } from './webhooks/outbound-allow-list';
import { documentStoreConfigFrom, documentStoreSettings, type DocumentStoreConfig } from '@azukari/documents';

export interface WorkerConfig {
  port: number;
  host: string;
  redisUrl: string;
  queuePrefix: string;
  signingKey: JWK;
  serviceUrls: Record<SubgraphName, string>;
  deliveryTimeoutMs: number;
  /** Deliveries in flight at once in this worker, over every endpoint and the mail server. */
  deliveryConcurrency: number;
  /** Deliveries in flight at once to one webhook endpoint: a slow one holds no more slots than this. */
  perEndpointConcurrency: number;
  /** Private addresses a webhook may reach anyway, by port (tests and development only). */
  webhookAllowList: AllowedTarget[];
  /** Report emails (SMTP): every report goes by email unless its client chose webhooks alone. */
  mail: MailConfig;
  /** How often the schedules tick: the most an occurrence waits for its job. */
  scheduleTickMs?: number;
  /** The schedules to tick; SCHEDULES unless a test gives its own. */
  schedules?: readonly ScheduleDefinition[];
  /** Where rendered documents are stored; a local directory under .azukari/documents when unset. */
  documents?: DocumentStoreConfig;
  /** Multiplies every job retry wait; tests that wait out many retries set it small. */
  backoffScale?: number;
  clock?: Clock;
  log?: Logger;
}

export const loadWorkerConfig = (env: NodeJS.ProcessEnv = process.env): WorkerConfig => {
  // The default SMTP server is pnpm start's mail catcher: in production every report would wait on
  // it for three days. A deployment names its SMTP relay, or does not start.
  if (env.NODE_ENV === 'production' && !env.AZUKARI_SMTP_URL) {
    throw new ConfigError([
      'AZUKARI_SMTP_URL: required in production (reports are emailed); set your SMTP relay, e.g. smtps://user:password@smtp.example:465',
    ]);
  }
  const parsed = parseEnv(
    {
      AZUKARI_WORKER_PORT: setting.port(DEFAULT_PORTS.worker),
      AZUKARI_HOST: z.string().default('127.0.0.1'),
      AZUKARI_REDIS_URL: setting.redisUrl('redis://127.0.0.1:6379'),
      AZUKARI_QUEUE_PREFIX: setting.queuePrefix(),
      AZUKARI_SIGNING_KEY: credentialSettings.AZUKARI_SIGNING_KEY,
      ...serviceUrlSettings,
      AZUKARI_DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
      AZUKARI_DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(32),
      AZUKARI_WEBHOOK_CONCURRENCY_PER_ENDPOINT: z.coerce.number().int().min(1).max(100).default(4),
      AZUKARI_WEBHOOK_ALLOW: z
        .string()
        .default('')
        .transform((value, ctx) => {
          try {
            return parseAllowList(value);
          } catch (error) {
            ctx.addIssue({ code: 'custom', message: (error as Error).message });
            return z.NEVER;
          }
        }),
      ...mailSettings,
      AZUKARI_SCHEDULE_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
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
    deliveryConcurrency: parsed.AZUKARI_DELIVERY_CONCURRENCY,
    perEndpointConcurrency: parsed.AZUKARI_WEBHOOK_CONCURRENCY_PER_ENDPOINT,
    webhookAllowList: parsed.AZUKARI_WEBHOOK_ALLOW,
    mail: mailConfigFrom(parsed),
    scheduleTickMs: parsed.AZUKARI_SCHEDULE_TICK_MS,
    documents: documentStoreConfigFrom(parsed),
  };
};

// ── Email (SMTP) ──────────────────────────────────────────────────────────────────────────────
// Report emails and notices. The defaults are those of `pnpm start`, whose mail catcher listens
// on 127.0.0.1:4025 and whose gateway is the public API at 127.0.0.1:4000.

export const MAIL_CATCHER_PORT = 4025;

export interface MailConfig {
  /** smtp://host:port (STARTTLS when offered) or smtps://user:password@host:465, with nodemailer's URL options. */
  smtpUrl: string;
  /** The From of every mail, `Name <address>`; its domain is the right side of every Message-ID. */
  from: string;
  /** The public URL of the gateway: the link in a report email. */
  publicUrl: string;
  /** Each of connect, greeting and an idle socket, and a whole send at most twice it. */
  timeoutMs: number;
  /** Open SMTP connections at most, shared by every delivery of this worker. */
  maxConnections: number;
}

/** `Name <local@domain>` or `local@domain`: the address, and its domain. */
export const fromAddress = (from: string): { address: string; domain: string } | null => {
  const match = /^(?:[^<>]*<([^<>\s@]+@([^<>\s@]+))>|([^<>\s@]+@([^<>\s@]+)))$/.exec(from.trim());
  if (!match) return null;
  return { address: (match[1] ?? match[3])!, domain: (match[2] ?? match[4])! };
};

export const mailSettings = {
  AZUKARI_SMTP_URL: z
    .string()
    .default(`smtp://127.0.0.1:${MAIL_CATCHER_PORT}`)
    // The message never repeats the value: the URL may hold the SMTP password.
    .refine((v) => /^smtps?:\/\/[^/?#\s]+\/?(\?[^#\s]*)?$/.test(v), 'must look like smtp://host:port or smtps://user:password@host:465'),
  AZUKARI_MAIL_FROM: z
    .string()
    .default('Azukari <reports@azukari.localhost>')
    .refine((v) => fromAddress(v) !== null, 'must be an address, as reports@example.com or Azukari <reports@example.com>'),
  AZUKARI_PUBLIC_URL: setting.url('http://127.0.0.1:4000'),
  AZUKARI_SMTP_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(15_000),
  AZUKARI_SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
};

export const mailConfigFrom = (parsed: z.infer<z.ZodObject<typeof mailSettings>>): MailConfig => ({
  smtpUrl: parsed.AZUKARI_SMTP_URL,
  from: parsed.AZUKARI_MAIL_FROM,
  publicUrl: parsed.AZUKARI_PUBLIC_URL,
  timeoutMs: parsed.AZUKARI_SMTP_TIMEOUT_MS,
  maxConnections: parsed.AZUKARI_SMTP_MAX_CONNECTIONS,
});

/** The mail settings alone, as a test or another process reads them. */
export const loadMailConfig = (env: NodeJS.ProcessEnv = process.env): MailConfig => mailConfigFrom(parseEnv(mailSettings, env));
