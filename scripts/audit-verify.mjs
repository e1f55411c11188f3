#!/usr/bin/env node
// `pnpm audit:verify [service] [chain]`: verifies the audit chains of one service (or of every
// subgraph), one chain (a client id, or 'operator') or all; exits 1 if any link is broken.
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, SUBGRAPHS, processEnv, turbo } from './lib.mjs';

const [service, chain] = process.argv.slice(2);
if (service && !SUBGRAPHS.includes(service)) {
  console.error(`usage: pnpm audit:verify [${SUBGRAPHS.join('|')}] [client id | operator]`);
  process.exit(2);
}
turbo(['run', 'build', '--output-logs=errors-only']);
let status = 0;
for (const name of service ? [service] : SUBGRAPHS) {
  const args = [join(ROOT, 'apps', name, 'dist', 'audit-verify.js'), ...(chain ? [chain] : [])];
  const result = spawnSync(process.execPath, args, { env: processEnv(name), stdio: 'inherit' });
  status = Math.max(status, result.status ?? 2);
}
process.exit(status);
