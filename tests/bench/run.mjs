#!/usr/bin/env node
// `pnpm bench`: the federated read (100 assets, each with its contract's title, the client's name
// and its custodian's name: three subgraphs) measured side by side in one run, because this
// machine is shared and noisy and only ratios within a run mean anything:
//   1. under load (autocannon, concurrency 16 and 64, interleaved rounds): Azukari as deployed,
//      Azukari without the audit of reads, the custody subgraph alone, a bare @apollo/gateway and
//      Hive Gateway over in-memory subgraphs of the same shape (read-load.mjs);
//   2. one request at a time in-process: latency at 10 and 100 assets, SQL statements per request
//      by service, and a cached token against one verified every time (in-process.mjs);
//   3. the write path: registerAsset and reportIncident per second, and from reportIncident to the
//      client's webhook at 50 reports a second (writes.mjs);
//   4. the list page at 1,000,000 assets, by contract and by status, at the subgraph (scale.mjs);
//   5. PDF renders per second of a certificate and peak memory at 100,000 rows, beside bare pdfkit
//      on the same template (pdf.mjs).
// Prints a table and writes bench/results/latest.json. All traffic stays on 127.0.0.1, every loop
// is bounded, and nothing calls home. docs/BENCHMARKS.md says what each figure means.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, quietEnv } from '../../scripts/lib.mjs';
import { runReadLoad } from './read-load.mjs';
import { runInProcess } from './in-process.mjs';
import { gatewayCredential, startAzukari } from './azukari-processes.mjs';
import { runWrites } from './writes.mjs';
import { runScale } from './scale.mjs';
import { runPdf } from './pdf.mjs';

// Also when run as `pnpm --filter @azukari/bench bench`, not through the root script.
Object.assign(process.env, quietEnv);

const settings = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  seconds: Number(process.env.BENCH_SECONDS ?? 8),
  concurrencies: (process.env.BENCH_CONCURRENCY ?? '16,64').split(',').map(Number),
  sequentialRounds: Number(process.env.BENCH_SEQUENTIAL_ROUNDS ?? 10),
  perRound: Number(process.env.BENCH_PER_ROUND ?? 10),
  writeConcurrency: Number(process.env.BENCH_WRITE_CONCURRENCY ?? 16),
  webhookPerSecond: Number(process.env.BENCH_WEBHOOK_RATE ?? 50),
  webhookSeconds: Number(process.env.BENCH_WEBHOOK_SECONDS ?? 10),
  scaleAssets: Number(process.env.BENCH_SCALE_ASSETS ?? 1_000_000),
  scaleRequests: Number(process.env.BENCH_SCALE_REQUESTS ?? 200),
  pdfRounds: Number(process.env.BENCH_PDF_ROUNDS ?? 3),
  pdfSeconds: Number(process.env.BENCH_PDF_SECONDS ?? 3),
  pdfMemoryRows: (process.env.BENCH_PDF_MEMORY_ROWS ?? '10000,100000').split(',').map(Number),
  // Which parts to run, for trying one change quickly; the table in docs/BENCHMARKS.md is all of them.
  parts: (process.env.BENCH_PARTS ?? 'read,in-process,writes,scale,pdf').split(','),
};
const log = (line) => console.error(line);

const runs = (part) => settings.parts.includes(part);
const read = runs('read') ? await runReadLoad({ ...settings, log }) : null;
const inProcess = runs('in-process') ? await runInProcess({ rounds: settings.sequentialRounds, perRound: settings.perRound, log }) : null;

let writes = null;
let scale = null;
if (runs('writes') || runs('scale')) {
  log('• starting Azukari again for the write path and the list at scale');
  const stack = await startAzukari();
  try {
    if (runs('writes')) {
      writes = await runWrites({
        stack,
        seconds: settings.seconds,
        connections: settings.writeConcurrency,
        webhookPerSecond: settings.webhookPerSecond,
        webhookSeconds: settings.webhookSeconds,
        log,
      });
    }
    if (runs('scale')) {
      scale = await runScale({
        stack,
        total: settings.scaleAssets,
        requests: settings.scaleRequests,
        custodyHeaders: async (principal) => ({
          'content-type': 'application/json',
          authorization: `Bearer ${await gatewayCredential('custody', principal)}`,
        }),
        log,
      });
    }
  } finally {
    await stack.close();
  }
}

// Last, alone on the machine: the stack is stopped, and a render is CPU-bound.
const pdf = runs('pdf')
  ? await runPdf({ rounds: settings.pdfRounds, seconds: settings.pdfSeconds, memoryRows: settings.pdfMemoryRows, log })
  : null;

const ms = (v) => (v == null ? '—' : `${v.toFixed(1)} ms`);
const x = (v) => (v == null || !Number.isFinite(v) ? '—' : `${v.toFixed(2)}×`);
const cpu = (byProcess) =>
  Object.entries(byProcess)
    .filter(([, v]) => v != null)
    .map(([p, v]) => `${p} ${v.toFixed(2)}`)
    .join(', ');

console.log(
  `\nAzukari bench (node ${process.versions.node}; ${settings.rounds} interleaved rounds of ${settings.seconds} s per target and concurrency)\n`,
);
if (read) console.log('1. The federated read of 100 assets under load (medians over rounds)');
for (const [level, targets] of Object.entries(read ?? {})) {
  console.log(`\n   ${level}        req/s      p50        p99      CPU s per 1,000 requests`);
  for (const name of ['azukari', 'azukariUnaudited', 'custodyAlone', 'apolloGateway', 'hiveGateway']) {
    const t = targets[name];
    console.log(
      `   ${name.padEnd(17)} ${t.rps.toFixed(0).padStart(6)}  ${ms(t.p50).padStart(9)}  ${ms(t.p99).padStart(9)}   ${cpu(t.cpuSecondsPer1000)}${t.failed ? `   (${t.failed} failed)` : ''}`,
    );
  }
  const r = targets.ratio;
  console.log(
    `   Azukari's req/s ratio: ${x(r.apolloGateway.rps)} bare Apollo gateway, ${x(r.hiveGateway.rps)} Hive Gateway, ${x(r.custodyAlone.rps)} custody alone, ${x(r.azukariUnaudited.rps)} without read audit`,
  );
  console.log(
    `   Azukari's p99 ratio:   ${x(r.apolloGateway.p99)} bare Apollo gateway, ${x(r.hiveGateway.p99)} Hive Gateway, ${x(r.azukariUnaudited.p99)} without read audit`,
  );
  const b = targets.azukari.busiest;
  console.log(
    `   projected, not measured (each process on a core of its own; bound by the busiest, Azukari's ${b.process} at ${b.msPerRequest?.toFixed(2)} ms): ${x(r.apolloGateway.busiestBound)} bare Apollo gateway, ${x(r.hiveGateway.busiestBound)} Hive Gateway`,
  );
}
if (inProcess) {
  const { sequential, statementsPerRequest, auth } = inProcess;
  console.log('\n2. One request at a time, in-process');
  console.log(
    `   10 assets:  p50 ${ms(sequential.assets10.p50)}  p90 ${ms(sequential.assets10.p90)}   SQL per request ${JSON.stringify(statementsPerRequest.assets10)}`,
  );
  console.log(
    `   100 assets: p50 ${ms(sequential.assets100.p50)}  p90 ${ms(sequential.assets100.p90)}   SQL per request ${JSON.stringify(statementsPerRequest.assets100)}`,
  );
  console.log(
    `   { viewer }: token cached p50 ${ms(auth.cached.p50)}, verified every time p50 ${ms(auth.uncached.p50)} (${x(auth.uncached.p50 / auth.cached.p50)})`,
  );
}

const n = (v) => (v == null ? '—' : v.toFixed(0));
if (writes) {
  console.log(`\n3. The write path, through the gateway (c${settings.writeConcurrency}, ${settings.seconds} s each)`);
  for (const name of ['registerAsset', 'reportIncident']) {
    const w = writes[name];
    console.log(
      `   ${name.padEnd(15)} ${n(w.rps).padStart(5)} req/s   p50 ${ms(w.p50)}   p99 ${ms(w.p99)}   rows written ${w.rowsWritten} for ${w.answered} answers${w.failed ? `   (${w.failed} failed: ${w.failures.join('; ')})` : ''}`,
    );
  }
  for (const [label, hook] of [
    ['webhook alone', writes.reportToWebhook],
    ['webhook + email', writes.reportToWebhookAndEmail],
  ]) {
    console.log(
      `   reportIncident -> webhook at ${hook.perSecond}/s (${label}): p50 ${ms(hook.p50)}  p99 ${ms(hook.p99)}   ${hook.delivered} of ${hook.sent} delivered${hook.failed ? `, ${hook.failed} failed` : ''}${hook.rejectedByReceiver ? `, ${hook.rejectedByReceiver} refused by the receiver` : ''}`,
    );
  }
  const through = writes.deliveryThroughput;
  console.log(
    `   delivery throughput, ${through.reports} reports at c${settings.writeConcurrency} (requests ${through.requestsPerSecond}/s): webhook ${through.webhook.perSecond}/s (${through.webhook.delivered} delivered, ${through.webhook.duplicates} duplicates), email ${through.email.perSecond}/s (${through.email.delivered} delivered)${through.failed ? `, ${through.failed} requests failed` : ''}`,
  );
}
if (scale) {
  console.log(
    `\n4. A page of ${scale.pageSize} at ${scale.assets.toLocaleString('en')} assets (${scale.inContract.toLocaleString('en')} in the contract), at the custody subgraph, one request at a time`,
  );
  for (const [name, c] of Object.entries(scale.cases)) {
    console.log(
      `   ${name.padEnd(36)} p50 ${ms(c.p50).padStart(8)}  p99 ${ms(c.p99).padStart(8)}   its SQL p50 ${ms(c.sqlP50)} p99 ${ms(c.sqlP99)}   ${c.plan.access} of ${c.plan.key}`,
    );
  }
}

if (pdf) {
  const t = pdf.throughput;
  console.log(`\n5. PDF: a certificate (1 page, ${pdf.certificateRows} rows, Japanese), one render at a time (medians over rounds)`);
  for (const [name, label] of [
    ['azukari', 'Azukari, stored with SHA-256'],
    ['azukariRenderOnly', 'Azukari, render alone'],
    ['barePdfkit', 'bare pdfkit into a file'],
  ]) {
    console.log(`   ${label.padEnd(30)} ${t[name].rendersPerSecond.toFixed(1).padStart(6)} renders/s   p50 ${ms(t[name].p50Ms)}`);
  }
  console.log(
    `   Azukari's renders/s ratio: ${x(t.azukari.rendersPerSecond / t.barePdfkit.rendersPerSecond)} bare pdfkit (render alone ${x(t.azukariRenderOnly.rendersPerSecond / t.barePdfkit.rendersPerSecond)})`,
  );
  console.log('   A report of many rows, each render in a process of its own:');
  for (const rows of settings.pdfMemoryRows) {
    for (const [name, label] of [
      ['azukari', 'Azukari'],
      ['barePdfkit', 'bare pdfkit'],
    ]) {
      const m = pdf.memory[name][rows];
      console.log(
        `   ${rows.toLocaleString('en').padStart(7)} rows ${label.padEnd(12)} ${m.pages} pages in ${m.seconds.toFixed(1)} s   peak heap ${m.peakHeapMb} MB   max RSS ${m.maxRssMb} MB`,
      );
    }
  }
}

// Only a run of every part is the bench's table; a partial run, for trying a change, is kept apart.
const complete = ['read', 'in-process', 'writes', 'scale', 'pdf'].every(runs);
const file = complete ? 'latest.json' : 'partial.json';
const results = { at: new Date().toISOString(), node: process.versions.node, settings, read, ...(inProcess ?? {}), writes, scale, pdf };
const dir = join(ROOT, 'bench', 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, file), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten: bench/results/${file}`);
