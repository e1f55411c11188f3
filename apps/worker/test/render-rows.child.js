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
// What the render holds, apart from garbage not yet collected: the heap right after a full
// collection, every 250 ms (the child runs with --expose-gc). A peak alone depends on when V8
// chooses to collect, which differs between Node versions (Node 24 lets far more garbage pile up).
let retainedHeap = 0;
const retained = setInterval(() => {
  global.gc();
  retainedHeap = Math.max(retainedHeap, process.memoryUsage().heapUsed);
}, 250);
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
  clearInterval(retained);
  const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
  console.log(
    JSON.stringify({
      rows,
      pages,
      bytes: stored.bytes,
      ms: Date.now() - started,
      peakHeapMb: mb(peakHeap),
      retainedHeapMb: mb(retainedHeap),
      maxRssMb: mb(process.resourceUsage().maxRSS * 1024),
    }),
  );
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
