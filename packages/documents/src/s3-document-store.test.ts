/**
 * The S3 store's own part, over a real connection that fails: no S3-compatible server from npm
 * installs here on Node 20 (docs/ARCHITECTURE.md, Documents), so the upload itself is the SDK's
 * and untested here. What the store adds around it is checked: the spool is always removed, a
 * failure is the caller's to see, and keys are checked before anything is sent.
 */
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import { DocumentStoreError, S3DocumentStore, s3ClientConfig, type S3StoreSettings } from './index';

const settings: S3StoreSettings = {
  bucket: 'azukari-documents',
  prefix: 'test/',
  // Nothing listens on the discard port: every request is refused at once.
  endpoint: 'http://127.0.0.1:9',
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test-secret' },
};

const spools = async (): Promise<string[]> => (await readdir(tmpdir())).filter((name) => name.startsWith('azukari-document-'));

describe('S3DocumentStore against a server that is not there', () => {
  const sut = new S3DocumentStore(settings, new S3Client({ ...s3ClientConfig(settings), maxAttempts: 1 }));

  it('fails the put and leaves no spooled copy of the document behind', async () => {
    const before = await spools();
    await expect(sut.put('custody/d-1/certificate.pdf', Readable.from(['%PDF-1.7 …']), { contentType: 'application/pdf' })).rejects.toThrow(
      /ECONNREFUSED|connect/,
    );
    expect(await spools()).toEqual(before);
  });

  it('does not take an unreachable store for an empty one', async () => {
    await expect(sut.head('custody/d-1/certificate.pdf')).rejects.toThrow();
    await expect(sut.get('custody/d-1/certificate.pdf')).rejects.not.toBeInstanceOf(DocumentStoreError);
  });

  it('refuses a key that is not a plain path before sending anything', async () => {
    await expect(sut.put('../escape.pdf', Readable.from(['x']), { contentType: 'application/pdf' })).rejects.toMatchObject({
      code: 'BAD_KEY',
    });
  });
});
