#!/usr/bin/env node
// `pnpm db:migrate`: creates each subgraph's database if missing and applies pending migrations.
import { join } from 'node:path';
import { ROOT, SUBGRAPHS, processEnv, run, turbo } from './lib.mjs';

turbo(['run', 'build', '--output-logs=errors-only']);
for (const name of SUBGRAPHS) run(process.execPath, [join(ROOT, 'apps', name, 'dist', 'migrate.js')], { env: processEnv(name) });
