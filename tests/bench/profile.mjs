#!/usr/bin/env node
// `pnpm bench:profile`: Azukari under the read load of `pnpm bench` (concurrency 16) with every
// process run under `node --cpu-prof`, then the top frames (self time) of each process. Writes the
// profiles to bench/profiles/<process>/ and the summary to bench/results/profile.json.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, quietEnv } from '../../scripts/lib.mjs';
import { startAzukari, seedAzukari } from './azukari-processes.mjs';
import { checkTarget, loadRun } from './load.mjs';
import { READ_QUERY } from './read-query.mjs';
import { topFrames } from './profile-summary.mjs';

Object.assign(process.env, quietEnv);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const profiles = join(ROOT, 'bench', 'profiles');
rmSync(profiles, { recursive: true, force: true });

const stack = await startAzukari({
  nodeArgs: (name) => {
    mkdirSync(join(profiles, name), { recursive: true });
    return ['--cpu-prof', `--cpu-prof-dir=${join(profiles, name)}`];
  },
});
let run;
try {
  const seeded = await seedAzukari(stack, [100]);
  const target = {
    name: 'azukari',
    url: stack.graphqlUrl,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${seeded.token}` },
    body: JSON.stringify({ query: READ_QUERY, variables: { c: seeded.contracts[100], n: 100 } }),
    pids: stack.pids,
  };
  await checkTarget(target, 100);
  await loadRun(target, { connections: 16, seconds: 3 });
  run = await loadRun(target, { connections: 16, seconds });
} finally {
  // The profiles are written as each process exits.
  await stack.close();
}
const summary = { at: new Date().toISOString(), node: process.versions.node, load: run, processes: {} };
console.log(`\nAzukari at c16 for ${seconds} s: ${run.rps.toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms\n`);
for (const name of ['gateway', 'custody', 'contracts', 'personnel']) {
  const top = topFrames(join(profiles, name), 'CPU');
  summary.processes[name] = top;
  console.log(`${name}: ${top.busyMs} ms busy of ${top.sampledMs} ms sampled`);
  for (const row of top.rows) console.log(`  ${(row.share * 100).toFixed(1).padStart(5)} %  ${row.frame}`);
  console.log(`  by owner (share of busy time): ${top.owners.map((o) => `${o.owner} ${(o.shareOfBusy * 100).toFixed(0)} %`).join(', ')}`);
}
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'profile.json'), `${JSON.stringify(summary, null, 2)}\n`);
