#!/usr/bin/env node
// `pnpm bench`: measures, side by side and interleaved in one run (this machine is shared and
// noisy, so only ratios within a run mean anything), on the whole stack booted in-process:
//   1. a federated query over N assets with each asset's contract and custodian, N = 10 and 100:
//      latency and SQL statements per service (batching keeps statements flat); and the query over
//      100 assets on a second stack that does not append reads to the audit log, for its cost;
//   2. authentication at the gateway: a cached token against one verified at contracts every time.
// Every request goes to 127.0.0.1; loops are bounded.
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { quietEnv } from '../../scripts/lib.mjs';

// Also when run as `pnpm --filter @azukari/bench bench`, not through the root script.
Object.assign(process.env, quietEnv);
const require = createRequire(import.meta.url);
require('reflect-metadata');
const { startStack, SUBGRAPHS } = require('@azukari/e2e/dist/stack.js');
const flows = require('@azukari/e2e/dist/flows.js');
const { createApp: createGateway } = require('@azukari/gateway');
const { createLogger } = require('@azukari/common');
const { graphql, testKeys } = require('@azukari/testing');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 10);

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const summary = (samples) => ({ p50: percentile(samples, 50), p90: percentile(samples, 90), n: samples.length });
const fmt = (ms) => `${ms.toFixed(2)} ms`;

// Fixture: two contracts of one client, 10 and 100 assets, every asset with a custodian.
const QUERY = `query ($c: ID!, $n: Int!) { assets(contractId: $c, first: $n) { edges { node { name contract { title client { name } } custodian { name } } } } }`;
const seed = async (stack) => {
  const client = await flows.createClient(stack, 'Bench KK');
  const custodians = [
    await flows.registerEmployee(stack, '鈴木 一', 'b1@operator.example'),
    await flows.registerEmployee(stack, '鈴木 二', 'b2@operator.example'),
  ];
  const contracts = {
    10: await flows.createContract(stack, client.id, 'ten'),
    100: await flows.createContract(stack, client.id, 'hundred'),
  };
  for (const n of [10, 100]) for (let i = 0; i < n; i += 1) await flows.registerAsset(stack, contracts[n], `asset ${i}`, custodians[i % 2]);
  // Personnel records custodianships from custody's events: measure once every one is there.
  for (const n of [10, 100]) {
    await flows.waitUntil(
      async () => (await stack.request(QUERY, { c: contracts[n], n })).data?.assets.edges.every((e) => e.node.custodian),
      60_000,
      'every custodianship to be recorded',
    );
  }
  const { token } = await flows.createPartnerToken(stack, client.id, ['CONTRACTS_READ', 'CUSTODY_READ']);
  return { contracts, token };
};

// The same stack twice: reads appended to the audit log (as deployed), and not (AZUKARI_AUDIT_READS=false).
const stack = await startStack();
const unaudited = await startStack({ auditReads: false });
try {
  const { contracts, token } = await seed(stack);
  const bare = await seed(unaudited);
  const keys = await testKeys();
  const uncached = await createGateway({
    port: 0,
    host: '127.0.0.1',
    supergraphPath: require.resolve('@azukari/gateway/supergraph.graphql'),
    signingKey: keys.privateKey('gateway'),
    serviceUrls: stack.serviceUrls,
    redisUrl: stack.resources.redisUrl,
    queuePrefix: stack.resources.queuePrefix,
    tokenCacheMs: 0,
    limits: { maxDepth: 12, maxCost: 20_000, maxAliases: 20, maxTokens: 5_000, maxDirectives: 20, requestsPerMinute: 1_000_000 },
    log: createLogger('gateway-uncached', 'silent'),
  });

  const samples = { q10: [], q100: [], q100bare: [], cached: [], uncached: [] };
  const statements = { 10: null, 100: null };
  const time = async (bucket, fn) => {
    const start = performance.now();
    const res = await fn();
    samples[bucket].push(performance.now() - start);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  };
  // Warm-up, then interleaved rounds.
  for (let i = 0; i < 5; i += 1) {
    await stack.request(QUERY, { c: contracts[100], n: 100 }, token);
    await graphql(`${uncached.url}/graphql`, '{ viewer { kind } }', {}, token);
    await unaudited.request(QUERY, { c: bare.contracts[100], n: 100 }, bare.token);
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const n of [10, 100]) {
      for (const s of SUBGRAPHS) stack.queries[s].reset();
      for (let i = 0; i < PER_ROUND; i += 1) await time(`q${n}`, () => stack.request(QUERY, { c: contracts[n], n }, token));
      statements[n] = Object.fromEntries(
        SUBGRAPHS.map((s) => [s, stack.queries[s].queries.filter((q) => !/outbox_event/.test(q)).length / PER_ROUND]),
      );
    }
    for (let i = 0; i < PER_ROUND; i += 1) {
      await time('q100bare', () => unaudited.request(QUERY, { c: bare.contracts[100], n: 100 }, bare.token));
    }
    for (let i = 0; i < PER_ROUND; i += 1) {
      await time('cached', () => stack.request('{ viewer { kind } }', {}, token));
      await time('uncached', () => graphql(`${uncached.url}/graphql`, '{ viewer { kind } }', {}, token));
    }
  }
  await uncached.close();

  const s10 = summary(samples.q10);
  const s100 = summary(samples.q100);
  const s100bare = summary(samples.q100bare);
  const sc = summary(samples.cached);
  const su = summary(samples.uncached);
  console.log(`\nAzukari benchmarks (${ROUNDS} interleaved rounds × ${PER_ROUND} requests, node ${process.versions.node})\n`);
  console.log('1. assets with contract, client and custodian, through the gateway');
  console.log(`   10 assets:  p50 ${fmt(s10.p50)}  p90 ${fmt(s10.p90)}   SQL per query ${JSON.stringify(statements[10])}`);
  console.log(`   100 assets: p50 ${fmt(s100.p50)}  p90 ${fmt(s100.p90)}   SQL per query ${JSON.stringify(statements[100])}`);
  console.log(`   ratio 100/10 (p50): ${(s100.p50 / s10.p50).toFixed(2)}× for 10× the rows`);
  console.log('   100 assets with reads appended to the audit log (as deployed) and without (AZUKARI_AUDIT_READS=false):');
  console.log(`   audited:   p50 ${fmt(s100.p50)}  p90 ${fmt(s100.p90)}`);
  console.log(`   unaudited: p50 ${fmt(s100bare.p50)}  p90 ${fmt(s100bare.p90)}`);
  console.log(`   ratio audited/unaudited: p50 ${(s100.p50 / s100bare.p50).toFixed(2)}×  p90 ${(s100.p90 / s100bare.p90).toFixed(2)}×`);
  console.log('2. { viewer } through the gateway: token cached vs verified at contracts every time');
  console.log(`   cached:   p50 ${fmt(sc.p50)}  p90 ${fmt(sc.p90)}`);
  console.log(`   uncached: p50 ${fmt(su.p50)}  p90 ${fmt(su.p90)}`);
  console.log(`   ratio uncached/cached (p50): ${(su.p50 / sc.p50).toFixed(2)}×`);
} finally {
  await stack.close();
  await unaudited.close();
}
