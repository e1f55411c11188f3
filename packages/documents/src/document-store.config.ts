/**
 * Where documents are stored, from configuration: a local directory by default, S3-compatible
 * storage with AZUKARI_DOCUMENTS_STORE=s3. Every problem is reported at once, naming the setting.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, parseEnv, setting } from '@azukari/common';
import type { DocumentStore } from './document-store';
import { LocalDocumentStore } from './local-document-store';
import { S3DocumentStore, type S3StoreSettings } from './s3-document-store';

export type DocumentStoreConfig = { kind: 'local'; dir: string } | ({ kind: 's3' } & S3StoreSettings);

/** The settings, for a process that validates them together with its own. */
export const documentStoreSettings = {
  AZUKARI_DOCUMENTS_STORE: z.enum(['local', 's3']).default('local'),
  /** Relative to the working directory: `pnpm start` runs from the repository's root. */
  AZUKARI_DOCUMENTS_DIR: z.string().min(1).default('.azukari/documents'),
  AZUKARI_S3_ENDPOINT: setting.url().optional(),
  AZUKARI_S3_REGION: z.string().min(1).default('us-east-1'),
  AZUKARI_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
    .optional(),
  AZUKARI_S3_PREFIX: z
    .string()
    .regex(/^([a-z0-9][a-z0-9._-]*\/)*$/, 'must be empty or end with / (e.g. azukari/documents/)')
    .default(''),
  AZUKARI_S3_FORCE_PATH_STYLE: setting.bool(false),
  AZUKARI_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  AZUKARI_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
};

type Parsed = z.infer<z.ZodObject<typeof documentStoreSettings>>;

/** The store's configuration from settings parsed with `documentStoreSettings`. */
export const documentStoreConfigFrom = (parsed: Parsed): DocumentStoreConfig => {
  if (parsed.AZUKARI_DOCUMENTS_STORE === 'local') return { kind: 'local', dir: resolve(parsed.AZUKARI_DOCUMENTS_DIR) };
  const problems: string[] = [];
  if (!parsed.AZUKARI_S3_BUCKET) problems.push('AZUKARI_S3_BUCKET: is required when AZUKARI_DOCUMENTS_STORE=s3');
  if (Boolean(parsed.AZUKARI_S3_ACCESS_KEY_ID) !== Boolean(parsed.AZUKARI_S3_SECRET_ACCESS_KEY)) {
    problems.push('AZUKARI_S3_ACCESS_KEY_ID and AZUKARI_S3_SECRET_ACCESS_KEY: set both, or neither to use the default credential chain');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    kind: 's3',
    bucket: parsed.AZUKARI_S3_BUCKET!,
    prefix: parsed.AZUKARI_S3_PREFIX,
    region: parsed.AZUKARI_S3_REGION,
    forcePathStyle: parsed.AZUKARI_S3_FORCE_PATH_STYLE,
    ...(parsed.AZUKARI_S3_ENDPOINT ? { endpoint: parsed.AZUKARI_S3_ENDPOINT } : {}),
    ...(parsed.AZUKARI_S3_ACCESS_KEY_ID && parsed.AZUKARI_S3_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: parsed.AZUKARI_S3_ACCESS_KEY_ID, secretAccessKey: parsed.AZUKARI_S3_SECRET_ACCESS_KEY } }
      : {}),
  };
};

export const loadDocumentStoreConfig = (env: NodeJS.ProcessEnv = process.env): DocumentStoreConfig =>
  documentStoreConfigFrom(parseEnv(documentStoreSettings, env));

export const createDocumentStore = (config: DocumentStoreConfig): DocumentStore =>
  config.kind === 'local' ? new LocalDocumentStore(config.dir) : new S3DocumentStore(config);
