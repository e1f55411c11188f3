/**
 * Renders a document to PDF as a stream, page by page: the rows come from an AsyncIterable and
 * every finished page is written out before the next is drawn (pdfkit without `bufferPages`), so
 * memory stays flat whatever the number of rows. After each page the renderer waits until its
 * reader has taken what is pending and yields to the event loop: a long render never starves
 * BullMQ's lock renewal, and never queues up output faster than the store can take it.
 *
 * The same content and issue time give the same bytes (pdfkit derives the file id from the
 * document info, and the creation date is the issue time): a re-render after a crash stores the
 * very document, with the very SHA-256, that the interrupted one would have.
 */
import type { Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import type { DocumentCell, DocumentHeader, DocumentRow } from '@azukari/routes';
import type { DocumentTemplate } from './document-templates';
import type { DocumentFonts } from './fonts';

export interface RenderInput {
  template: DocumentTemplate;
  header: DocumentHeader;
  /** The table's rows, in order; pulled one page at a time. */
  rows: AsyncIterable<DocumentRow>;
  fonts: DocumentFonts;
  /** Printed in every page's footer. */
  documentId: string;
}

export interface RenderedPdf {
  /** The PDF's bytes: hand it to a DocumentStore. Destroyed with the error if the render fails. */
  stream: Readable;
  /** Settles when the last byte has been produced, with the number of pages. */
  done: Promise<{ pages: number }>;
}

/** Output waiting for its reader beyond this and the renderer waits: what it holds stays bounded. */
const PENDING_OUTPUT_LIMIT = 1 << 20;

/**
 * pdfkit caches the layout of every distinct word for the document's life: with names and
 * addresses in 100,000 rows that cache alone grew the heap from 47 to 230 MB. Without the cache
 * (`fontLayoutCache: false`) a render took four times as long. Emptied after each page, it keeps
 * the words a page repeats and forgets the rest. pdfkit has no public handle on its fonts' cache.
 */
const forgetWordLayouts = (doc: PDFKit.PDFDocument): void => {
  const fonts = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: Record<string, unknown> }> })._fontFamilies;
  for (const font of Object.values(fonts ?? {})) if (font.layoutCache) font.layoutCache = Object.create(null) as Record<string, unknown>;
};

const numbers = new Intl.NumberFormat('en');
const cellText = (cell: DocumentCell | undefined): string =>
  cell === null || cell === undefined ? '' : typeof cell === 'number' ? numbers.format(cell) : cell;

/** '2026-11-20T03:15:00.000Z' -> '2026-11-20 12:15 JST': documents are issued in Japan. */
const inJapan = (iso: string): string => {
  const jst = new Date(new Date(iso).getTime() + 9 * 3600_000).toISOString();
  return `${jst.slice(0, 10)} ${jst.slice(11, 16)} JST`;
};

export const renderPdf = (input: RenderInput): RenderedPdf => {
  const { template, header, fonts } = input;
  const doc = new PDFDocument({
    size: 'A4',
    layout: template.layout,
    margin: template.margin,
    bufferPages: false,
    autoFirstPage: true,
    info: {
      Title: `${header.title.ja} / ${header.title.en}`,
      Producer: 'Azukari',
      Creator: 'Azukari',
      CreationDate: new Date(header.issuedAt),
    },
    lang: 'ja',
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);

  const done = draw(doc, input).catch((error: unknown) => {
    doc.destroy(error as Error);
    throw error;
  });
  // The reader sees a failure through the stream; `done` is for whoever awaits the page count.
  done.catch(() => undefined);
  return { stream: doc, done };
};

const draw = async (doc: PDFKit.PDFDocument, input: RenderInput): Promise<{ pages: number }> => {
  const { template, header } = input;
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  let pages = 1;

  const footer = () => {
    const margin = doc.page.margins.bottom;
    const y = doc.page.height - margin + 12;
    // Text below the bottom margin makes pdfkit start a new page: the footer lifts it for itself.
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(7).fillColor('#555555');
    doc.text(`${header.title.ja} / ${header.title.en}   ${input.documentId}`, left, y, { width: width * 0.8, lineBreak: false });
    doc.text(`${pages} ページ / page`, left + width * 0.8, y, { width: width * 0.2, align: 'right', lineBreak: false });
    doc.fillColor('black');
    doc.page.margins.bottom = margin;
  };

  const nextPage = async () => {
    footer();
    doc.addPage();
    forgetWordLayouts(doc);
    pages += 1;
    // The page just finished has been written to the stream: let it drain, and let timers run.
    while (doc.readableLength > PENDING_OUTPUT_LIMIT && !doc.destroyed) await yieldToEventLoop();
    await yieldToEventLoop();
    // The reader gave up (the store failed): drawing on would be for nobody.
    if (doc.destroyed) throw new Error('the PDF stream was closed before the document was complete');
  };

  // Title, then the header fields as label / value lines.
  doc.font('bold').fontSize(template.titleSize).text(header.title.ja, left, doc.y, { width, align: 'center' });
  doc
    .font('regular')
    .fontSize(template.bodySize + 1)
    .text(header.title.en, { width, align: 'center' });
  doc.moveDown(1);
  const labelWidth = width * 0.35;
  for (const field of header.fields) {
    const y = doc.y;
    doc
      .font('bold')
      .fontSize(template.bodySize)
      .text(`${field.label.ja} / ${field.label.en}`, left, y, { width: labelWidth - 8 });
    const labelBottom = doc.y;
    doc.font('regular').text(field.value || '—', left + labelWidth, y, { width: width - labelWidth });
    doc.y = Math.max(doc.y, labelBottom) + 2;
  }
  for (const section of header.sections) {
    doc.moveDown(0.8);
    doc
      .font('bold')
      .fontSize(template.bodySize + 0.5)
      .text(`${section.heading.ja} / ${section.heading.en}`, left, doc.y, { width });
    doc.font('regular').fontSize(template.bodySize).text(section.body, { width });
  }
  doc.moveDown(1);

  // The table: columns in proportion to their widths, the column header again on every page.
  const total = header.columns.reduce((sum, c) => sum + c.width, 0);
  const columns = header.columns.reduce<{ x: number; width: number; align: 'left' | 'right' }[]>((placed, c) => {
    const x = placed.length === 0 ? left : placed[placed.length - 1]!.x + placed[placed.length - 1]!.width;
    return [...placed, { x, width: (c.width / total) * width, align: c.align }];
  }, []);
  const pad = 3;
  const columnHeaderHeight = template.tableSize * 2 + 8;
  const columnHeader = () => {
    const y = doc.y;
    doc.rect(left, y, width, columnHeaderHeight).fill('#e8e8e8').fillColor('black');
    doc.font('bold').fontSize(template.tableSize);
    header.columns.forEach((c, i) => {
      const col = columns[i]!;
      const options = { width: col.width - 2 * pad, align: col.align, lineBreak: false, height: template.tableSize + 2 } as const;
      doc.text(c.label.ja, col.x + pad, y + 3, options);
      doc.text(c.label.en, col.x + pad, y + 4 + template.tableSize, options);
    });
    doc.y = y + columnHeaderHeight;
    doc.font('regular').fontSize(template.tableSize);
  };
  if (doc.y + columnHeaderHeight + template.rowHeight > bottom()) await nextPage();
  columnHeader();

  let index = 0;
  for await (const row of input.rows) {
    if (doc.y + template.rowHeight > bottom()) {
      await nextPage();
      columnHeader();
    }
    const y = doc.y;
    if (index % 2 === 1) doc.rect(left, y, width, template.rowHeight).fill('#f6f6f6').fillColor('black');
    columns.forEach((col, i) => {
      // One line per cell, cut with an ellipsis: a row's height is known before it is drawn.
      doc.text(cellText(row[i]), col.x + pad, y + 3, {
        width: col.width - 2 * pad,
        height: template.tableSize + 1,
        ellipsis: true,
        align: col.align,
      });
    });
    doc.y = y + template.rowHeight;
    index += 1;
  }

  if (template.issuerLine) {
    if (doc.y + 40 > bottom()) await nextPage();
    doc.moveDown(2);
    doc
      .font('regular')
      .fontSize(template.bodySize)
      .text(`発行日 / Issued: ${inJapan(header.issuedAt)}`, left, doc.y, { width, align: 'right' });
  }
  footer();
  const finished = new Promise<void>((resolve, reject) => {
    doc.once('end', resolve);
    doc.once('error', reject);
    doc.once('close', () => reject(new Error('the PDF stream was closed before the document was complete')));
  });
  doc.end();
  await finished;
  return { pages };
};
