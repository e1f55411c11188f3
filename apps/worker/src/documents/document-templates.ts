/**
 * The layouts documents are rendered in, by name. The owner of a document gives its content
 * (title, fields, sections, columns, rows: @azukari/routes DocumentContent); the template decides
 * how it sits on the page. A certificate is portrait with an issuer's line under its table; a
 * report is landscape, for long tables with many columns.
 */
import type { DocumentTemplateName } from '@azukari/routes';

export interface DocumentTemplate {
  name: DocumentTemplateName;
  layout: 'portrait' | 'landscape';
  /** Points (1/72 inch). */
  margin: number;
  titleSize: number;
  bodySize: number;
  tableSize: number;
  /** Height of one table row: one line each, longer cells end in an ellipsis. */
  rowHeight: number;
  /** A closing line under the table saying who issued the document and when. */
  issuerLine: boolean;
}

export const DOCUMENT_TEMPLATE_LAYOUTS: Record<DocumentTemplateName, DocumentTemplate> = {
  certificate: {
    name: 'certificate',
    layout: 'portrait',
    margin: 50,
    titleSize: 18,
    bodySize: 10,
    tableSize: 8.5,
    rowHeight: 15,
    issuerLine: true,
  },
  report: { name: 'report', layout: 'landscape', margin: 40, titleSize: 16, bodySize: 9.5, tableSize: 8, rowHeight: 13, issuerLine: false },
};
