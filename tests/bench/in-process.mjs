// What needs the stack in this process, where every service's statements can be counted: the
// federated read over 10 and over 100 assets, one request at a time (latency, and SQL statements
// per request by service: batching keeps them flat), and authentication at the gateway, a cached
// token against one verified at contracts every time.
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { seedAzukari } from './azukari-processes.mjs';
import { READ_QUERY as query } from './read-query.mjs';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const { startStack, SUBGRAPHS } = require('@azukari/e2e/dist/stack.js');
const { graphql } = require('@azukari/testing');

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const summary = (samples) => ({ p50: percentile(samples, 50), p90: percentile(samples, 90), n: samples.length });

export const runInProcess = async ({ rounds, perRound, log }) => {
  log('• in-process stack: statements per request and token checks');
  const stack = await startStack();
  try {
    const { contracts, token } = await seedAzukari(stack, [10, 100]);
    const uncached = await stack.startGateway({ name: 'gateway-uncached', tokenCacheMs: 0 });
    const samples = { q10: [], q100: [], cached: [], uncached: [] };
    const statements = {};
    const time = async (bucket, fn) => {
      const start = performance.now();
      const res = await fn();
      samples[bucket].push(performance.now() - start);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    };
    for (let i = 0; i < 5; i += 1) {
      await stack.request(query, { c: contracts[100], n: 100 }, token);
      await graphql(`${uncached.url}/graphql`, '{ viewer { kind } }', {}, token);
    }
    for (let round = 0; round < rounds; round += 1) {
      for (const n of [10, 100]) {
        for (const s of SUBGRAPHS) stack.queries[s].reset();
        for (let i = 0; i < perRound; i += 1) await time(`q${n}`, () => stack.request(query, { c: contracts[n], n }, token));
        statements[n] = Object.fromEntries(SUBGRAPHS.map((s) => [s, stack.queries[s].count / perRound]));
      }
      for (let i = 0; i < perRound; i += 1) {
        await time('cached', () => stack.request('{ viewer { kind } }', {}, token));
        await time('uncached', () => graphql(`${uncached.url}/graphql`, '{ viewer { kind } }', {}, token));
      }
    }
    await uncached.close();
    return {
      sequential: { assets10: summary(samples.q10), assets100: summary(samples.q100) },
      statementsPerRequest: { assets10: statements[10], assets100: statements[100] },
      auth: { cached: summary(samples.cached), uncached: summary(samples.uncached) },
    };
  } finally {
    await stack.close();
  }
};
