#!/usr/bin/env node
// The schemas emitted by the build (each subgraph's schema.graphql, the gateway's
// supergraph.graphql) are committed: CI fails when the build changed them and they were not.
import { execFileSync } from 'node:child_process';
import { ROOT } from './lib.mjs';

const files = [
  'apps/contracts/schema.graphql',
  'apps/custody/schema.graphql',
  'apps/personnel/schema.graphql',
  'apps/incidents/schema.graphql',
  'apps/gateway/supergraph.graphql',
];
const changed = execFileSync('git', ['status', '--porcelain', '--', ...files], { cwd: ROOT, encoding: 'utf8' }).trim();
if (changed) {
  console.error(`Generated schemas differ from the committed ones; commit them:\n${changed}`);
  process.exit(process.env.CI ? 1 : 0);
}
console.log('generated schemas match the committed ones');
