/**
 * What the worker asks the owner of a document it renders, and how it tells the owner the result.
 * The worker holds no data: a service that owns documents (custody its disposal certificates,
 * contracts its annual reports) serves both routes, built here once from one shape for each owner.
 */
import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '@azukari/common';

/** The services that own documents the worker renders. */
export const DOCUMENT_OWNERS = ['contracts', 'custody'] as const;
export type DocumentOwner = (typeof DOCUMENT_OWNERS)[number];

/** The layouts the worker knows (apps/worker/src/documents/document-templates.ts). */
export const DOCUMENT_TEMPLATES = ['certificate', 'report'] as const;
export type DocumentTemplateName = (typeof DOCUMENT_TEMPLATES)[number];

const bilingual = z.object({ ja: z.string().min(1).max(200), en: z.string().min(1).max(200) });

/** Everything of a document but its table's rows: given once, with the first page of rows. */
export const documentHeader = z.object({
  title: bilingual,
  /** Label and value pairs under the title: issuer, client, contract, period... */
  fields: z.array(z.object({ label: bilingual, value: z.string().max(500) })).max(40),
  /** Prose before the table: a statement, the scope, notes. Each body in the document's language(s) as the owner writes it. */
  sections: z.array(z.object({ heading: bilingual, body: z.string().max(5_000) })).max(20),
  /** The table's columns; `width` is relative to the others. */
  columns: z
    .array(z.object({ label: bilingual, width: z.number().positive().max(100), align: z.enum(['left', 'right']).default('left') }))
    .min(1)
    .max(12),
  /** When the document is issued: printed on it, and its PDF creation date, so a re-render gives the same bytes. */
  issuedAt: z.iso.datetime({ offset: true }),
});
export type DocumentHeader = z.infer<typeof documentHeader>;

export const documentCell = z.union([z.string().max(500), z.number(), z.null()]);
export type DocumentCell = z.infer<typeof documentCell>;
export type DocumentRow = readonly DocumentCell[];

/** Rows per page of the content route: small enough to parse quickly, large enough to keep calls few. */
export const DOCUMENT_PAGE_LIMIT = 1_000;

const contentRoute = (owner: DocumentOwner) =>
  defineRoute({
    owner,
    path: '/documents/content',
    callers: ['worker'],
    request: z.object({
      documentId: z.uuid(),
      template: z.enum(DOCUMENT_TEMPLATES),
      /** null for the first page; then the `next` of the page before. */
      cursor: z.string().max(200).nullable(),
      limit: z.number().int().min(1).max(DOCUMENT_PAGE_LIMIT),
    }),
    response: z.object({
      /** Given on the first page (cursor null) only. */
      header: documentHeader.nullable(),
      rows: z.array(z.array(documentCell).max(12)).max(DOCUMENT_PAGE_LIMIT),
      /** null on the last page. */
      next: z.string().max(200).nullable(),
    }),
  });

const renderedRoute = (owner: DocumentOwner) =>
  defineRoute({
    owner,
    path: '/documents/rendered',
    callers: ['worker'],
    /**
     * The owner records this idempotently by document id: the worker may say it again after a
     * crash, always with the same key and digest (a re-render of the same content gives the same bytes).
     */
    request: z.object({
      documentId: z.uuid(),
      template: z.enum(DOCUMENT_TEMPLATES),
      key: z.string().min(1).max(1_000),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      bytes: z.number().int().min(1),
      pages: z.number().int().min(1),
      renderedAt: z.iso.datetime({ offset: true }),
    }),
    response: z.object({ documentId: z.uuid() }),
  });

type ContentRoute = ReturnType<typeof contentRoute>;
type RenderedRoute = ReturnType<typeof renderedRoute>;

/** The header and the rows of a document, page by page, from its owner. */
export const DocumentContent = Object.fromEntries(DOCUMENT_OWNERS.map((owner) => [owner, contentRoute(owner)])) as Record<
  DocumentOwner,
  ContentRoute
>;

/** The stored document (key, SHA-256, size, pages), back to its owner. */
export const DocumentRendered = Object.fromEntries(DOCUMENT_OWNERS.map((owner) => [owner, renderedRoute(owner)])) as Record<
  DocumentOwner,
  RenderedRoute
>;

export const DOCUMENT_ROUTES: readonly RouteDefinition[] = DOCUMENT_OWNERS.flatMap((owner) => [
  DocumentContent[owner],
  DocumentRendered[owner],
]);
