// PDF rendering, beside bare pdfkit drawing the same template in the same run:
//   1. renders per second of a certificate-sized document (one A4 page, 40 rows of Japanese names
//      and addresses), one render at a time, in interleaved rounds: Azukari's renderer into its
//      local document store (SHA-256, flushed to disk, renamed into place), the same renderer into
//      nothing (the render alone), and bare pdfkit into a file;
//   2. peak heap and RSS of a 100,000-row report (and of 10,000 rows, to show it flat), each render
//      in a process of its own, Azukari's and bare pdfkit's interleaved.
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { drawBare } from './pdf-bare.mjs';

const require = createRequire(import.meta.url);
const { renderPdf } = require('@azukari/worker/dist/documents/pdf-renderer.js');
const { DOCUMENT_TEMPLATE_LAYOUTS } = require('@azukari/worker/dist/documents/document-templates.js');
const { loadDocumentFonts } = require('@azukari/worker/dist/documents/fonts.js');
const { sampleHeader, sampleRows } = require('@azukari/worker/dist/documents/sample-document.js');
const { LocalDocumentStore } = require('@azukari/documents');

const CERTIFICATE_ROWS = 40;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
};

const nowhere = () => new Writable({ write: (_chunk, _encoding, done) => done() });

export const runPdf = async ({ rounds, seconds, memoryRows, log }) => {
  const dir = mkdtempSync(join(tmpdir(), 'azukari-bench-pdf-'));
  try {
    const fonts = await loadDocumentFonts();
    const store = new LocalDocumentStore(join(dir, 'store'));
    const input = (documentId) => ({
      template: DOCUMENT_TEMPLATE_LAYOUTS.certificate,
      header: sampleHeader(),
      rows: sampleRows(CERTIFICATE_ROWS),
      fonts,
      documentId,
    });
    let n = 0;
    const targets = {
      azukari: async () => {
        const pdf = renderPdf(input('0193a2b4-7c1a-7000-8000-0000000000c1'));
        await Promise.all([store.put(`bench/certificate-${n++ % 100}.pdf`, pdf.stream, { contentType: 'application/pdf' }), pdf.done]);
      },
      azukariRenderOnly: async () => {
        const pdf = renderPdf(input('0193a2b4-7c1a-7000-8000-0000000000c1'));
        await Promise.all([pipeline(pdf.stream, nowhere()), pdf.done]);
      },
      barePdfkit: async () => {
        await drawBare(createWriteStream(join(dir, `bare-${n++ % 100}.pdf`)), input('0193a2b4-7c1a-7000-8000-0000000000c1'));
      },
    };
    const measured = Object.fromEntries(Object.keys(targets).map((name) => [name, { rps: [], msPerRender: [] }]));
    // Warm up each (font parsing, JIT) before anything counts.
    for (const render of Object.values(targets)) for (let i = 0; i < 20; i += 1) await render();
    for (let round = 1; round <= rounds; round += 1) {
      for (const [name, render] of Object.entries(targets)) {
        const times = [];
        const started = performance.now();
        while (performance.now() - started < seconds * 1000) {
          const t = performance.now();
          await render();
          times.push(performance.now() - t);
        }
        const elapsed = (performance.now() - started) / 1000;
        measured[name].rps.push(times.length / elapsed);
        measured[name].msPerRender.push(median(times));
        log(`  pdf round ${round} ${name}: ${(times.length / elapsed).toFixed(1)} renders/s`);
      }
    }
    const throughput = Object.fromEntries(
      Object.entries(measured).map(([name, m]) => [name, { rendersPerSecond: median(m.rps), p50Ms: median(m.msPerRender), rounds: m.rps }]),
    );

    const child = fileURLToPath(new URL('./pdf-render.child.mjs', import.meta.url));
    const memory = {};
    for (const rows of memoryRows) {
      for (const target of ['azukari', 'barePdfkit']) {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          [child, target === 'azukari' ? 'azukari' : 'bare', String(rows), dir],
          {
            maxBuffer: 1 << 20,
          },
        );
        const result = JSON.parse(stdout.trim());
        log(
          `  pdf ${rows} rows ${target}: ${result.seconds.toFixed(1)} s, peak heap ${result.peakHeapMb} MB, max RSS ${result.maxRssMb} MB`,
        );
        (memory[target] ??= {})[rows] = result;
      }
    }
    return { certificateRows: CERTIFICATE_ROWS, throughput, memory };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
