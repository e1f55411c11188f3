#!/usr/bin/env node
// Smoke test of references.mjs: starts the references, asks each gateway the bench query once,
// prints the answer's edge count and first edge, and closes. Exits non-zero on any failure, and
// only exits by itself (no process.exit) to show that close() leaves nothing running.
import { ask, startReferences } from './references.mjs';

const started = performance.now();
const refs = await startReferences();
console.log(`references ready in ${Math.round(performance.now() - started)} ms, contract ${refs.contractId}`);
try {
  for (const name of ['apolloGateway', 'hiveGateway']) {
    const { url } = refs[name];
    const answer = await ask(url, { c: refs.contractId, n: 100 });
    const edges = answer.data?.assets.edges ?? [];
    if (answer.errors || edges.length !== 100) throw new Error(`${name}: ${JSON.stringify(answer).slice(0, 500)}`);
    console.log(`${name} ${url}: ${edges.length} edges, ${JSON.stringify(answer).length} bytes of JSON; first ${JSON.stringify(edges[0])}`);
  }
} finally {
  await refs.close();
}
console.log('closed');
