// One render in a process of its own, so that its peak memory is its own: `azukari` (the
// worker's renderer into a local document store, with its SHA-256) or `bare` (pdfkit alone into a
// file), of argv[3] rows of the report template, into the directory argv[4]. Prints one JSON line.
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { drawBare } from './pdf-bare.mjs';

const require = createRequire(import.meta.url);
const { renderPdf } = require('@azukari/worker/dist/documents/pdf-renderer.js');
const { DOCUMENT_TEMPLATE_LAYOUTS } = require('@azukari/worker/dist/documents/document-templates.js');
const { loadDocumentFonts } = require('@azukari/worker/dist/documents/fonts.js');
const { sampleHeader, sampleRows } = require('@azukari/worker/dist/documents/sample-document.js');
const { LocalDocumentStore } = require('@azukari/documents');

const [target, rowsArg, dir] = process.argv.slice(2);
const rows = Number(rowsArg);
let peakHeap = 0;
const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
const started = performance.now();
const input = {
  template: DOCUMENT_TEMPLATE_LAYOUTS.report,
  header: sampleHeader(),
  rows: sampleRows(rows),
  fonts: await loadDocumentFonts(),
  documentId: '0193a2b4-7c1a-7000-8000-0000000000b1',
};
let pages;
if (target === 'azukari') {
  const pdf = renderPdf(input);
  [, { pages }] = await Promise.all([
    new LocalDocumentStore(dir).put(`bench/${rows}.pdf`, pdf.stream, { contentType: 'application/pdf' }),
    pdf.done,
  ]);
} else {
  ({ pages } = await drawBare(createWriteStream(join(dir, `bare-${rows}.pdf`)), input));
}
clearInterval(sampler);
const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
console.log(
  JSON.stringify({
    target,
    rows,
    pages,
    seconds: (performance.now() - started) / 1000,
    peakHeapMb: mb(peakHeap),
    maxRssMb: mb(process.resourceUsage().maxRSS * 1024),
  }),
);
