/**
 * The render job end to end: enqueued through its definition on the real Redis, taken by the
 * worker's real BullMQ consumer, its content read page by page from a stand-in for the owner
 * (built from the routes' definitions, checking the worker's credential as custody will), stored
 * in a local document store, and its result told to the owner.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { Queue } from 'bullmq';
import { DomainError, ErrorCode, newId, type RouteRequest } from '@azukari/common';
import { LocalDocumentStore } from '@azukari/documents';
import { QueueName, RenderDocument, createProducer, createRedis, jobIdFor, type JobPayload, type Producer } from '@azukari/jobs';
import { DocumentContent, DocumentRendered } from '@azukari/routes';
import { implement, standIn, testResources, type StandIn, type TestResources } from '@azukari/testing';
import { testWorkerConfig } from './worker-config';
import { createApp, type WorkerApp } from '../src/app';
import { sampleHeader, sampleRow } from '../src/documents/sample-document';

type Rendered = RouteRequest<(typeof DocumentRendered)['custody']>;

const pause = async (ms: number) => await new Promise((r) => setTimeout(r, ms));
const waitFor = async <T>(what: string, probe: () => T | undefined, ms = 30_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(50);
  }
};

describe('worker: document rendering', () => {
  let resources: TestResources;
  let worker: WorkerApp;
  let custody: StandIn;
  let producer: Producer;
  let dir: string;
  /** Rows per document id, as custody would hold them. */
  const documents = new Map<string, number>();
  /** What custody recorded, once per document id (the route is idempotent on it, as the owner's must be). */
  const recorded = new Map<string, Rendered>();
  let renderedRefusals = 0;

  beforeAll(async () => {
    resources = testResources();
    dir = mkdtempSync(join(tmpdir(), 'azt-render-'));
    custody = await standIn('custody', [
      implement(DocumentContent.custody, async ({ documentId, cursor, limit }) => {
        const total = documents.get(documentId);
        if (total === undefined) throw new DomainError(ErrorCode.NOT_FOUND, `No document ${documentId}.`);
        const from = cursor === null ? 0 : Number(cursor);
        const to = Math.min(from + limit, total);
        return {
          header: cursor === null ? sampleHeader() : null,
          rows: Array.from({ length: to - from }, (_, i) => [...sampleRow(from + i)]),
          next: to < total ? String(to) : null,
        };
      }),
      implement(DocumentRendered.custody, async (request) => {
        if (renderedRefusals > 0) {
          renderedRefusals -= 1;
          throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'custody is restarting');
        }
        const before = recorded.get(request.documentId);
        if (before && (before.key !== request.key || before.sha256 !== request.sha256))
          throw new Error('a different document for the same id');
        recorded.set(request.documentId, before ?? request);
        return { documentId: request.documentId };
      }),
    ]);
    const base = await testWorkerConfig(resources, { documents: { kind: 'local', dir }, backoffScale: 0.01 });
    worker = await createApp({ ...base, serviceUrls: { ...base.serviceUrls, custody: custody.url } });

    producer = createProducer('custody', { redisUrl: resources.redisUrl, prefix: resources.queuePrefix });
  });

  afterAll(async () => {
    await worker.close();
    await producer.close();
    await custody.close();
    await resources.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const requestRender = async (payload: JobPayload<typeof RenderDocument>): Promise<string> => {
    const eventId = newId();
    await producer.enqueue(RenderDocument, { eventId, occurredAt: new Date().toISOString(), trace: null, payload });
    return eventId;
  };
  const contentCalls = (documentId: string) =>
    custody.calls.filter((c) => c.path === DocumentContent.custody.path && (c.body as { documentId: string }).documentId === documentId);

  it("renders a document from its owner's pages, stores it with the SHA-256 of its bytes, and tells the owner", async () => {
    const documentId = newId();
    documents.set(documentId, 2_500);
    await requestRender({ documentId, owner: 'custody', template: 'certificate' });
    const result = await waitFor('the rendered document', () => recorded.get(documentId));

    const key = `custody/${documentId}/certificate.pdf`;
    const bytes = readFileSync(join(dir, 'objects', key));
    expect(result).toMatchObject({ documentId, template: 'certificate', key, bytes: bytes.length });
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(result.pages).toBeGreaterThan(40);
    // Read back through the store, which checks the digest as the bytes stream.
    const stored = await new LocalDocumentStore(dir).get(key);
    expect(stored.document.sha256).toBe(result.sha256);
    await text(stored.body);
    // The rows were asked for a page at a time, each page after the one before.
    expect(contentCalls(documentId).map((c) => (c.body as { cursor: string | null }).cursor)).toEqual([null, '1000', '2000']);
    expect(contentCalls(documentId).every((c) => c.issuer === 'worker')).toBe(true);
    // And the Japanese names and addresses are in it as text.
    const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'objects', key), '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('廃棄証明書');
    expect(pdfText).toContain(String(sampleRow(2_499)[1]));
    expect(pdfText).toContain(String(sampleRow(2_499)[2]));
  });

  it('renders again when telling the owner failed: the same key and bytes, recorded once', async () => {
    const documentId = newId();
    documents.set(documentId, 300);
    renderedRefusals = 2;
    await requestRender({ documentId, owner: 'custody', template: 'report' });
    const result = await waitFor('the rendered document', () => recorded.get(documentId));

    // Three runs of the job (two told the owner in vain), each rendering the whole document.
    expect(contentCalls(documentId).filter((c) => (c.body as { cursor: string | null }).cursor === null)).toHaveLength(3);
    const bytes = readFileSync(join(dir, 'objects', `custody/${documentId}/report.pdf`));
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(
      custody.calls.filter((c) => c.path === DocumentRendered.custody.path && (c.body as Rendered).documentId === documentId),
    ).toHaveLength(3);
    expect(
      new Set(
        custody.calls
          .filter((c) => (c.body as Rendered).documentId === documentId && c.path === DocumentRendered.custody.path)
          .map((c) => (c.body as Rendered).sha256),
      ).size,
    ).toBe(1);
  });

  it('collapses a second request for the same event, and gives up at once on a document its owner does not have', async () => {
    const documentId = newId();
    documents.set(documentId, 10);
    const eventId = newId();
    const payload = { documentId, owner: 'custody' as const, template: 'certificate' };
    await producer.enqueue(RenderDocument, { eventId, occurredAt: new Date().toISOString(), trace: null, payload });
    await producer.enqueue(RenderDocument, { eventId, occurredAt: new Date().toISOString(), trace: null, payload });
    await waitFor('the rendered document', () => recorded.get(documentId));
    await pause(300);
    expect(contentCalls(documentId)).toHaveLength(1);

    const missing = newId();
    const missingEvent = await requestRender({ documentId: missing, owner: 'custody', template: 'certificate' });
    const connection = createRedis(resources.redisUrl, 'producer');
    const queue = new Queue(QueueName.DOCUMENTS, { connection, prefix: resources.queuePrefix });
    const failedJob = await (async () => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const job = await queue.getJob(jobIdFor('custody', missingEvent));
        // Read again once failed: the job read before the failure landed holds the attempts of before.
        if (job && (await job.isFailed())) return (await queue.getJob(jobIdFor('custody', missingEvent)))!;
        if (Date.now() > deadline) throw new Error('the render of a missing document did not fail');
        await pause(100);
      }
    })();
    expect(failedJob.attemptsMade).toBe(1);
    expect(failedJob.failedReason).toMatch(/No document/);
    expect(recorded.has(missing)).toBe(false);
    await queue.close();
    connection.disconnect();
  });
});
