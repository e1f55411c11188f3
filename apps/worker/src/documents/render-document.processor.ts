/**
 * Renders one document to PDF and stores it. The worker holds no data: it asks the document's
 * owner for the header and the rows, page by page (DocumentContent), streams them through the
 * renderer into the store, and tells the owner the key, SHA-256, size and pages (DocumentRendered).
 *
 * Idempotent on the job: the key derives from the owner, document and template, and the same
 * content renders to the same bytes, so a re-run after a crash replaces the document with itself
 * and tells the owner the same facts, which it records once per document id. A failure to tell
 * the owner fails the job, whose retries (the catalog's, about a day) render and tell again.
 */
import { UnrecoverableError } from 'bullmq';
import { DomainError, ErrorCode, type Clock, type RouteResponse, type ServiceClient } from '@azukari/common';
import type { DocumentStore } from '@azukari/documents';
import type { Handler, JobPayload, RenderDocument } from '@azukari/jobs';
import {
  DOCUMENT_OWNERS,
  DOCUMENT_PAGE_LIMIT,
  DOCUMENT_TEMPLATES,
  DocumentContent,
  DocumentRendered,
  type DocumentOwner,
  type DocumentRow,
  type DocumentTemplateName,
} from '@azukari/routes';
import { DOCUMENT_TEMPLATE_LAYOUTS } from './document-templates';
import type { DocumentFonts } from './fonts';
import { renderPdf } from './pdf-renderer';

type ContentPage = RouteResponse<(typeof DocumentContent)[DocumentOwner]>;

export interface RenderDeps {
  services: ServiceClient;
  store: DocumentStore;
  clock: Clock;
  fonts: () => Promise<DocumentFonts>;
  /** Rows asked of the owner per call. */
  pageLimit?: number;
}

/** Where a document is stored: the same for every run of the same render. */
export const documentKey = (owner: DocumentOwner, documentId: string, template: DocumentTemplateName): string =>
  `${owner}/${documentId.toLowerCase()}/${template}.pdf`;

const isOwner = (owner: string): owner is DocumentOwner => (DOCUMENT_OWNERS as readonly string[]).includes(owner);
const isTemplate = (name: string): name is DocumentTemplateName => (DOCUMENT_TEMPLATES as readonly string[]).includes(name);

/** The rows of every page, the next page asked for while this one is drawn. */
async function* rowsOf(
  first: ContentPage,
  columns: number,
  fetchPage: (cursor: string) => Promise<ContentPage>,
): AsyncIterable<DocumentRow> {
  let page = first;
  for (;;) {
    const next = page.next === null ? null : fetchPage(page.next);
    // Awaited below; until then its failure must not count as unhandled.
    next?.catch(() => undefined);
    for (const row of page.rows) {
      if (row.length !== columns) throw new UnrecoverableError(`a row has ${row.length} cells for ${columns} columns`);
      yield row;
    }
    if (next === null) return;
    page = await next;
  }
}

export const renderDocument =
  (deps: RenderDeps): Handler<typeof RenderDocument> =>
  async (payload: JobPayload<typeof RenderDocument>, ctx) => {
    const { documentId, owner, template } = payload;
    if (!isOwner(owner)) throw new UnrecoverableError(`${owner} owns no documents (owners: ${DOCUMENT_OWNERS.join(', ')})`);
    if (!isTemplate(template))
      throw new UnrecoverableError(`no document template ${template} (templates: ${DOCUMENT_TEMPLATES.join(', ')})`);
    const limit = deps.pageLimit ?? DOCUMENT_PAGE_LIMIT;
    const fetchPage = (cursor: string | null) =>
      deps.services.call(DocumentContent[owner], { documentId, template, cursor, limit }, null, ctx.trace);

    let first: ContentPage;
    try {
      first = await fetchPage(null);
    } catch (error) {
      // The owner has no such document: asking again will not make one.
      if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) throw new UnrecoverableError(error.message);
      throw error;
    }
    if (!first.header) throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, `${owner} gave no header with the first page of ${documentId}`);
    const header = first.header;

    const started = Date.now();
    const key = documentKey(owner, documentId, template);
    const pdf = renderPdf({
      template: DOCUMENT_TEMPLATE_LAYOUTS[template],
      header,
      rows: rowsOf(first, header.columns.length, fetchPage),
      fonts: await deps.fonts(),
      documentId,
    });
    const [stored, { pages }] = await Promise.all([deps.store.put(key, pdf.stream, { contentType: 'application/pdf' }), pdf.done]);
    ctx.log.info({ documentId, owner, template, key, bytes: stored.bytes, pages, ms: Date.now() - started }, 'document rendered');

    await deps.services.call(
      DocumentRendered[owner],
      { documentId, template, key, sha256: stored.sha256, bytes: stored.bytes, pages, renderedAt: deps.clock.now().toISOString() },
      null,
      ctx.trace,
    );
  };
