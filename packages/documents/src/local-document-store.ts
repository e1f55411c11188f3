/**
 * Documents in a local directory, the default (development under `.azukari/documents`, or a
 * mounted volume). Layout under the root: `objects/<key>` holds the bytes and `meta/<key>.json`
 * the digest, length and content type. A put spools to `tmp/` while hashing, then renames the
 * bytes and then the metadata into place: a document exists once its metadata does, and a crash
 * midway leaves at most a temporary file, never a document whose digest lies.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import {
  DocumentStoreError,
  DocumentStoreErrorCode,
  checkKey,
  type DocumentStore,
  type StoredBody,
  type StoredDocument,
} from './document-store';
import { spoolToFile, verifying } from './hashing';

const metadataSchema = z.object({
  key: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(0),
  contentType: z.string(),
});

export class LocalDocumentStore implements DocumentStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private objectPath(key: string): string {
    return join(this.root, 'objects', checkKey(key));
  }

  private metaPath(key: string): string {
    return join(this.root, 'meta', `${checkKey(key)}.json`);
  }

  async put(key: string, body: Readable | AsyncIterable<Uint8Array>, options: { contentType: string }): Promise<StoredDocument> {
    const objectPath = this.objectPath(key);
    const metaPath = this.metaPath(key);
    const tmp = join(this.root, 'tmp');
    await Promise.all([
      mkdir(tmp, { recursive: true }),
      mkdir(dirname(objectPath), { recursive: true }),
      mkdir(dirname(metaPath), { recursive: true }),
    ]);
    const spool = join(tmp, randomUUID());
    const { sha256, bytes } = await spoolToFile(body, spool);
    const document: StoredDocument = { key, sha256, bytes, contentType: options.contentType };
    const metaSpool = `${spool}.json`;
    try {
      await writeFile(metaSpool, `${JSON.stringify(document)}\n`, { flush: true });
      await rename(spool, objectPath);
      await rename(metaSpool, metaPath);
    } catch (error) {
      await Promise.all([rm(spool, { force: true }), rm(metaSpool, { force: true })]);
      throw error;
    }
    return document;
  }

  async head(key: string): Promise<StoredDocument | null> {
    let text: string;
    try {
      text = await readFile(this.metaPath(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return metadataSchema.parse(JSON.parse(text));
  }

  async get(key: string): Promise<StoredBody> {
    const document = await this.head(key);
    if (!document) throw new DocumentStoreError(DocumentStoreErrorCode.NOT_FOUND, `no document ${key}`);
    const file = createReadStream(this.objectPath(key));
    const checked = verifying(key, document);
    // A missing or unreadable file fails the reader, not the process.
    file.on('error', (error) => checked.destroy(error));
    return { document, body: file.pipe(checked) };
  }
}
