// The same certificate template drawn with pdfkit alone, as a first version would: one
// PDFDocument piped to a file, rows drawn as they come, pdfkit's defaults (its word-layout cache
// on), no yielding, no waiting for the reader, no digest, no store. The bench's reference for
// what Azukari's renderer (apps/worker/src/documents/pdf-renderer.ts) adds or saves.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PDFDocument = require('pdfkit');

export const drawBare = async (out, { template, header, rows, fonts, documentId }) => {
  const doc = new PDFDocument({
    size: 'A4',
    layout: template.layout,
    margin: template.margin,
    info: { CreationDate: new Date(header.issuedAt) },
  });
  const ended = new Promise((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  doc.pipe(out);
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  let pages = 1;
  const footer = () => {
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - margin + 12;
    doc
      .font('regular')
      .fontSize(7)
      .text(`${header.title.ja} / ${header.title.en}   ${documentId}`, left, y, { width: width * 0.8, lineBreak: false });
    doc.text(`${pages} ページ / page`, left + width * 0.8, y, { width: width * 0.2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  };
  doc.font('bold').fontSize(template.titleSize).text(header.title.ja, left, doc.y, { width, align: 'center' });
  doc
    .font('regular')
    .fontSize(template.bodySize + 1)
    .text(header.title.en, { width, align: 'center' });
  doc.moveDown(1);
  for (const field of header.fields) {
    const y = doc.y;
    doc
      .font('bold')
      .fontSize(template.bodySize)
      .text(`${field.label.ja} / ${field.label.en}`, left, y, { width: width * 0.35 - 8 });
    const labelBottom = doc.y;
    doc.font('regular').text(field.value, left + width * 0.35, y, { width: width * 0.65 });
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
  const total = header.columns.reduce((sum, c) => sum + c.width, 0);
  let x = left;
  const columns = header.columns.map((c) => {
    const col = { x, width: (c.width / total) * width, align: c.align };
    x += col.width;
    return col;
  });
  const headHeight = template.tableSize * 2 + 8;
  const columnHeader = () => {
    const y = doc.y;
    doc.rect(left, y, width, headHeight).fill('#e8e8e8').fillColor('black');
    doc.font('bold').fontSize(template.tableSize);
    header.columns.forEach((c, i) => {
      const o = { width: columns[i].width - 6, align: columns[i].align, lineBreak: false, height: template.tableSize + 2 };
      doc.text(c.label.ja, columns[i].x + 3, y + 3, o);
      doc.text(c.label.en, columns[i].x + 3, y + 4 + template.tableSize, o);
    });
    doc.y = y + headHeight;
    doc.font('regular').fontSize(template.tableSize);
  };
  columnHeader();
  let index = 0;
  for await (const row of rows) {
    if (doc.y + template.rowHeight > bottom()) {
      footer();
      doc.addPage();
      pages += 1;
      columnHeader();
    }
    const y = doc.y;
    if (index % 2 === 1) doc.rect(left, y, width, template.rowHeight).fill('#f6f6f6').fillColor('black');
    columns.forEach((col, i) => {
      const cell = row[i];
      doc.text(cell == null ? '' : typeof cell === 'number' ? cell.toLocaleString('en') : cell, col.x + 3, y + 3, {
        width: col.width - 6,
        height: template.tableSize + 1,
        ellipsis: true,
        align: col.align,
      });
    });
    doc.y = y + template.rowHeight;
    index += 1;
  }
  if (template.issuerLine) {
    doc.moveDown(2);
    doc.font('regular').fontSize(template.bodySize).text(`発行日 / Issued: ${header.issuedAt}`, left, doc.y, { width, align: 'right' });
  }
  footer();
  doc.end();
  await ended;
  return { pages };
};
