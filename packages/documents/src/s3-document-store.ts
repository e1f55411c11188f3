/**
 * Documents in S3-compatible storage (AWS S3, MinIO, Ceph, R2...), chosen by configuration.
 *
 * A put first spools the body to a temporary file while hashing it, then uploads the file in one
 * PutObject with its length, its SHA-256 as object metadata and as `x-amz-checksum-sha256`. Why a
 * file rather than a multipart upload of a stream of unknown length (@aws-sdk/lib-storage): the
 * digest must be stored with the object, and object metadata is fixed when an upload starts,
 * before a streamed body's digest is known; a multipart upload would need a second copy request or
 * a side object to carry it. Spooled, the digest goes with the object in one request, the server
 * checks the bytes against it, and memory holds one read buffer at a time. Rendered documents are
 * far below PutObject's 5 GB limit. The spool is removed whatever happens. The SDK does not retry
 * a request whose body is a stream (it warns so on the console): a failed put fails, and the
 * render job's own retries put again.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import {
  DocumentStoreError,
  DocumentStoreErrorCode,
  checkKey,
  type DocumentStore,
  type StoredBody,
  type StoredDocument,
} from './document-store';
import { spoolToFile, verifying } from './hashing';

export interface S3StoreSettings {
  bucket: string;
  /** Prepended to every key, e.g. `azukari/` to share a bucket. */
  prefix: string;
  /** Unset for AWS; the URL of any S3-compatible server otherwise. */
  endpoint?: string;
  region: string;
  /** Most S3-compatible servers want `bucket` in the path rather than in the host name. */
  forcePathStyle: boolean;
  /** Unset: the SDK's default chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

const SHA256_METADATA = 'sha256';

const isNotFound = (error: unknown): boolean => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

export const s3ClientConfig = (settings: S3StoreSettings): S3ClientConfig => ({
  region: settings.region,
  forcePathStyle: settings.forcePathStyle,
  ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
  ...(settings.credentials ? { credentials: settings.credentials } : {}),
  // The SDK's default (a CRC32 trailer on every upload, in aws-chunked encoding) is refused by
  // several S3-compatible servers; our own SHA-256 checksum is sent on every put instead.
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

export class S3DocumentStore implements DocumentStore {
  private readonly client: S3Client;

  constructor(
    private readonly settings: S3StoreSettings,
    client?: S3Client,
  ) {
    this.client = client ?? new S3Client(s3ClientConfig(settings));
  }

  private objectKey(key: string): string {
    return `${this.settings.prefix}${checkKey(key)}`;
  }

  async put(key: string, body: Readable | AsyncIterable<Uint8Array>, options: { contentType: string }): Promise<StoredDocument> {
    const objectKey = this.objectKey(key);
    const dir = await mkdtemp(join(tmpdir(), 'azukari-document-'));
    try {
      const spool = join(dir, randomUUID());
      const { sha256, bytes } = await spoolToFile(body, spool);
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: objectKey,
          Body: createReadStream(spool),
          ContentLength: bytes,
          ContentType: options.contentType,
          ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
          Metadata: { [SHA256_METADATA]: sha256 },
        }),
      );
      return { key, sha256, bytes, contentType: options.contentType };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private documentOf(
    key: string,
    metadata: Record<string, string> | undefined,
    bytes: number | undefined,
    contentType: string | undefined,
  ): StoredDocument {
    const sha256 = metadata?.[SHA256_METADATA];
    if (!sha256 || !/^[0-9a-f]{64}$/.test(sha256) || bytes === undefined) {
      throw new DocumentStoreError(
        DocumentStoreErrorCode.INTEGRITY,
        `object ${this.objectKey(key)} carries no SHA-256: it was not stored through this store`,
      );
    }
    return { key, sha256, bytes, contentType: contentType ?? 'application/octet-stream' };
  }

  async head(key: string): Promise<StoredDocument | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
      return this.documentOf(key, head.Metadata, head.ContentLength, head.ContentType);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async get(key: string): Promise<StoredBody> {
    let object;
    try {
      object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
    } catch (error) {
      if (isNotFound(error)) throw new DocumentStoreError(DocumentStoreErrorCode.NOT_FOUND, `no document ${key}`);
      throw error;
    }
    const document = this.documentOf(key, object.Metadata, object.ContentLength, object.ContentType);
    if (!(object.Body instanceof Readable)) throw new Error('the S3 client gave a body that is not a Node stream');
    const checked = verifying(key, document);
    object.Body.on('error', (error) => checked.destroy(error));
    return { document, body: object.Body.pipe(checked) };
  }
}
