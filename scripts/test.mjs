#!/usr/bin/env node
// `pnpm test`: every check and every test, against the real MySQL and Redis. Build (which composes
// the supergraph: a composition error fails here), the committed schemas, lint and types, the
// entities against the migrations, then every package's tests. Test results are never cached.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run, turbo } from './lib.mjs';

// Every workspace package with a test script: a new package is counted without being listed here.
const packages = ['apps', 'packages', 'tests']
  .flatMap((group) => readdirSync(join(ROOT, group)).map((name) => `${group}/${name}`))
  .concat('infra')
  .filter((dir) => {
    const manifest = join(ROOT, dir, 'package.json');
    return existsSync(manifest) && Boolean(JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test);
  });
const resultFile = (dir) => join(ROOT, dir, '.jest-results.json');
for (const dir of packages) rmSync(resultFile(dir), { force: true });

turbo(['run', 'build', '--output-logs=errors-only']);
run(process.execPath, [join(ROOT, 'scripts', 'check-generated.mjs')]);
turbo(['run', 'lint', 'typecheck', '--output-logs=errors-only']);
run('pnpm', ['run', '--silent', 'format:check']);
turbo(['run', 'migrations:check', '--concurrency=1', '--output-logs=errors-only']);
const testStatus = turbo(['run', 'test', '--concurrency=2', '--continue', '--', '--json', '--outputFile=.jest-results.json'], {
  allowFailure: true,
});

let passed = 0;
let failed = 0;
const missing = [];
for (const dir of packages) {
  if (!existsSync(resultFile(dir))) {
    missing.push(dir);
    continue;
  }
  const result = JSON.parse(readFileSync(resultFile(dir), 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests + result.numRuntimeErrorTestSuites;
}
if (missing.length) console.error(`no test results from: ${missing.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(testStatus !== 0 || failed > 0 || missing.length > 0 || passed === 0 ? 1 : 0);
