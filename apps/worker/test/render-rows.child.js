// Renders a sample document of N rows (argv[2]) through the built renderer into a local document
// store (argv[3]), in a process of its own so that its peak memory is its own: prints one JSON line.
const { renderPdf } = require('../dist/documents/pdf-renderer.js');
const { DOCUMENT_TEMPLATE_LAYOUTS } = require('../dist/documents/document-templates.js');
const { loadDocumentFonts } = require('../dist/documents/fonts.js');
const { sampleHeader, sampleRows } = require('../dist/documents/sample-document.js');
const { LocalDocumentStore } = require('@azukari/documents');

const rows = Number(process.argv[2]);
let peakHeap = 0;
const sample = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
(async () => {
  const started = Date.now();
  const pdf = renderPdf({
    template: DOCUMENT_TEMPLATE_LAYOUTS.report,
    header: sampleHeader(),
    rows: sampleRows(rows),
    fonts: await loadDocumentFonts(),
    documentId: '0193a2b4-7c1a-7000-8000-0000000000d1',
  });
  const [stored, { pages }] = await Promise.all([
    new LocalDocumentStore(process.argv[3]).put(`rows/${rows}.pdf`, pdf.stream, { contentType: 'application/pdf' }),
    pdf.done,
  ]);
  clearInterval(sample);
  const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
  console.log(
    JSON.stringify({ rows, pages, bytes: stored.bytes, ms: Date.now() - started, peakHeapMb: mb(peakHeap), maxRssMb: mb(process.resourceUsage().maxRSS * 1024) }),
  );
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
