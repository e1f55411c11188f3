/**
 * The one storage interface for rendered documents. Every stored document carries its SHA-256,
 * computed while it streams in, kept with it, returned by `put` and checked again while it streams
 * out: a body that no longer matches its digest fails its reader at the end instead of reaching a
 * user as a valid document. Bodies are streams end to end: no store holds a whole document in memory.
 */
import type { Readable } from 'node:stream';

/** What is known of a stored document, without its body. */
export interface StoredDocument {
  key: string;
  /** Hex SHA-256 of the exact stored bytes. */
  sha256: string;
  bytes: number;
  contentType: string;
}

export interface StoredBody {
  document: StoredDocument;
  /** The bytes, verified against `document.sha256` as they stream: fails with INTEGRITY at the end if they differ. */
  body: Readable;
}

export interface DocumentStore {
  /** Stores `body` under `key`, replacing what was there: a re-run of the same render writes the same key. */
  put(key: string, body: Readable | AsyncIterable<Uint8Array>, options: { contentType: string }): Promise<StoredDocument>;
  /** The document and its body; DocumentStoreError NOT_FOUND when there is none. */
  get(key: string): Promise<StoredBody>;
  /** The document's metadata, or null when nothing is stored under `key`. */
  head(key: string): Promise<StoredDocument | null>;
}

export const DocumentStoreErrorCode = {
  NOT_FOUND: 'NOT_FOUND',
  /** The stored bytes do not match the digest stored with them. */
  INTEGRITY: 'INTEGRITY',
  BAD_KEY: 'BAD_KEY',
} as const;
export type DocumentStoreErrorCode = (typeof DocumentStoreErrorCode)[keyof typeof DocumentStoreErrorCode];

export class DocumentStoreError extends Error {
  constructor(
    readonly code: DocumentStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentStoreError';
  }
}

/**
 * Keys are paths of lower-case segments, e.g. `custody/0193…/certificate.pdf`: the same key is a
 * safe file path under the local root and a plain S3 object key, and cannot climb out with `..`.
 */
const KEY = /^[a-z0-9][a-z0-9._-]{0,127}(\/[a-z0-9][a-z0-9._-]{0,127}){0,7}$/;

export const checkKey = (key: string): string => {
  if (!KEY.test(key) || key.split('/').some((segment) => segment === '.' || segment === '..' || segment.includes('..'))) {
    throw new DocumentStoreError(DocumentStoreErrorCode.BAD_KEY, `not a document key: ${JSON.stringify(key)}`);
  }
  return key;
};
