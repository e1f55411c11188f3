/**
 * Streams through SHA-256: one copy of a body to a temporary file with its digest and length
 * (both stores use it), and a pass-through that checks a body against the digest stored with it.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DocumentStoreError, DocumentStoreErrorCode } from './document-store';

export interface Spooled {
  sha256: string;
  bytes: number;
}

/** Writes `body` to `path` (flushed to disk), hashing as it goes; removes the file if anything fails. */
export const spoolToFile = async (body: Readable | AsyncIterable<Uint8Array>, path: string): Promise<Spooled> => {
  const hash = createHash('sha256');
  let bytes = 0;
  const counting = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    // flush: a rename after a crash must not point at a file whose bytes never reached the disk.
    await pipeline(body, counting, createWriteStream(path, { flush: true }));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { sha256: hash.digest('hex'), bytes };
};

/** Passes `expected.bytes` bytes through and fails at the end when they do not hash to `expected.sha256`. */
export const verifying = (key: string, expected: Spooled): Transform => {
  const hash = createHash('sha256');
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      const sha256 = hash.digest('hex');
      if (sha256 === expected.sha256 && bytes === expected.bytes) return done();
      done(
        new DocumentStoreError(
          DocumentStoreErrorCode.INTEGRITY,
          `document ${key} does not match its stored SHA-256 (${bytes} bytes hashing to ${sha256}, stored ${expected.bytes} bytes ${expected.sha256})`,
        ),
      );
    },
  });
};
