/** The local store for real, on a directory of its own per test file. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { DocumentStoreError, LocalDocumentStore } from './index';

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

async function* chunks(count: number, size: number, seen: Buffer[]): AsyncIterable<Uint8Array> {
  for (let i = 0; i < count; i += 1) {
    const chunk = randomBytes(size);
    seen.push(chunk);
    yield chunk;
  }
}

describe('LocalDocumentStore', () => {
  let root: string;
  let sut: LocalDocumentStore;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'azt-documents-'));
    sut = new LocalDocumentStore(root);
  });
  afterAll(async () => await rm(root, { recursive: true, force: true }));

  it('stores a streamed body and returns the SHA-256 and length of exactly the bytes stored', async () => {
    const seen: Buffer[] = [];
    const stored = await sut.put('custody/d-1/certificate.pdf', chunks(40, 64 * 1024, seen), { contentType: 'application/pdf' });
    const expected = Buffer.concat(seen);
    const onDisk = await readFile(join(root, 'objects', 'custody/d-1/certificate.pdf'));

    expect(stored).toEqual({
      key: 'custody/d-1/certificate.pdf',
      sha256: sha256(expected),
      bytes: expected.length,
      contentType: 'application/pdf',
    });
    expect(onDisk.equals(expected)).toBe(true);
    expect(sha256(onDisk)).toBe(stored.sha256);
    // Nothing is left behind in the spool.
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('gives the document back with its metadata and the same bytes', async () => {
    await sut.put('contracts/d-2/report.pdf', Readable.from(['年次報告書 ', 'annual report']), { contentType: 'application/pdf' });
    const { document, body } = await sut.get('contracts/d-2/report.pdf');
    expect(document).toEqual({
      key: 'contracts/d-2/report.pdf',
      sha256: sha256('年次報告書 annual report'),
      bytes: Buffer.byteLength('年次報告書 annual report'),
      contentType: 'application/pdf',
    });
    expect(await text(body)).toBe('年次報告書 annual report');
    expect(await sut.head('contracts/d-2/report.pdf')).toEqual(document);
  });

  it('replaces a document under the same key, as a re-run of a render does', async () => {
    await sut.put('custody/d-3/a.pdf', Readable.from(['first']), { contentType: 'application/pdf' });
    const second = await sut.put('custody/d-3/a.pdf', Readable.from(['second']), { contentType: 'application/pdf' });
    expect(second.sha256).toBe(sha256('second'));
    expect(await text((await sut.get('custody/d-3/a.pdf')).body)).toBe('second');
  });

  it('fails the reader of a document whose bytes no longer match their SHA-256', async () => {
    await sut.put('custody/d-4/a.pdf', Readable.from(['the certificate as issued']), { contentType: 'application/pdf' });
    await writeFile(join(root, 'objects', 'custody/d-4/a.pdf'), 'the certificate as altered');
    const { body } = await sut.get('custody/d-4/a.pdf');
    await expect(text(body)).rejects.toMatchObject({ code: 'INTEGRITY' });
  });

  it('answers NOT_FOUND or null for a key with nothing stored, and keeps nothing of a body that failed midway', async () => {
    await expect(sut.get('custody/none.pdf')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await sut.head('custody/none.pdf')).toBeNull();

    async function* failing(): AsyncIterable<Uint8Array> {
      yield Buffer.from('%PDF-1.7 half a document');
      throw new Error('the render failed');
    }
    await expect(sut.put('custody/d-5/a.pdf', failing(), { contentType: 'application/pdf' })).rejects.toThrow('the render failed');
    expect(await sut.head('custody/d-5/a.pdf')).toBeNull();
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('refuses keys that could leave its directory or are not plain paths', async () => {
    for (const key of ['../etc/passwd', 'a/../../b', '/abs', 'A/B.pdf', 'a//b', 'a/b/', '']) {
      await expect(sut.put(key, Readable.from(['x']), { contentType: 'text/plain' })).rejects.toBeInstanceOf(DocumentStoreError);
    }
  });
});
