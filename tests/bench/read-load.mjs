// The federated read under load, Azukari beside its references, each target in processes of its
// own: Azukari as deployed (every service a process, audit of reads on), Azukari without the
// audit of reads, the custody subgraph alone (the query's own part, as the gateway sends it), and
// a bare @apollo/gateway and Hive Gateway over in-memory subgraphs of the same shape
// (references.mjs). Rounds interleave the targets, so that a noisy moment of this shared machine
// falls on all of them alike; the load generator runs in this process and shares the 2 cores.
import { gatewayCredential, startAzukari, seedAzukari } from './azukari-processes.mjs';
import { startReferences } from './references.mjs';
import { checkTarget, loadRun, sharedServicePids } from './load.mjs';
import { READ_QUERY } from './read-query.mjs';

/** Custody's part of READ_QUERY, as the gateway's query plan sends it. */
const CUSTODY_PART = `query ($c: ID!, $n: Int!) { assets(contractId: $c, first: $n) { edges { node { name __typename id contract { __typename id } } } } }`;
const ASSETS = 100;

const json = { 'content-type': 'application/json' };
const bodyOf = (query, contractId) => JSON.stringify({ query, variables: { c: contractId, n: ASSETS } });

export const runReadLoad = async ({ rounds, seconds, concurrencies, log }) => {
  const started = [];
  try {
    log('• starting Azukari (6 processes), Azukari without read audit (6 more) and the references');
    const azukari = await startAzukari();
    started.push(azukari);
    const unaudited = await startAzukari({ env: { AZUKARI_AUDIT_READS: 'false' } });
    started.push(unaudited);
    const references = await startReferences({ assets: ASSETS });
    started.push(references);
    log('• seeding both stacks through their gateways');
    const seeded = await seedAzukari(azukari, [ASSETS]);
    const seededBare = await seedAzukari(unaudited, [ASSETS]);

    const subgraphPids = (stack) => ({ ...stack.pids, ...sharedServicePids() });
    const targets = [
      {
        name: 'azukari',
        url: azukari.graphqlUrl,
        headers: { ...json, authorization: `Bearer ${seeded.token}` },
        body: bodyOf(READ_QUERY, seeded.contracts[ASSETS]),
        pids: subgraphPids(azukari),
      },
      {
        name: 'azukariUnaudited',
        url: unaudited.graphqlUrl,
        headers: { ...json, authorization: `Bearer ${seededBare.token}` },
        body: bodyOf(READ_QUERY, seededBare.contracts[ASSETS]),
        pids: subgraphPids(unaudited),
      },
      {
        name: 'custodyAlone',
        url: `${azukari.urls.custody}/graphql`,
        headers: async () => ({ ...json, authorization: `Bearer ${await gatewayCredential('custody', seeded.principal)}` }),
        body: bodyOf(CUSTODY_PART, seeded.contracts[ASSETS]),
        pids: { custody: azukari.pids.custody, ...sharedServicePids() },
      },
      {
        name: 'apolloGateway',
        url: references.apolloGateway.url,
        headers: json,
        body: bodyOf(READ_QUERY, references.contractId),
        pids: references.apolloGateway.pids,
      },
      {
        name: 'hiveGateway',
        url: references.hiveGateway.url,
        headers: json,
        body: bodyOf(READ_QUERY, references.contractId),
        pids: references.hiveGateway.pids,
      },
    ];
    for (const target of targets) await checkTarget(target, ASSETS);
    log('• warming up every target');
    for (const target of targets) await loadRun(target, { connections: 16, seconds: 2 });

    const samples = {};
    for (let round = 1; round <= rounds; round += 1) {
      for (const connections of concurrencies) {
        for (const target of targets) {
          log(`  round ${round}/${rounds}, c${connections}, ${target.name}`);
          const run = await loadRun(target, { connections, seconds });
          ((samples[`c${connections}`] ??= {})[target.name] ??= []).push(run);
        }
      }
    }
    return summarise(samples);
  } finally {
    for (const target of started.reverse()) await target.close().catch(() => undefined);
  }
};

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * A projection, not a measurement: the req/s a target could reach if each of its processes had a
 * core of its own, bounded by its busiest process (1,000 / that process's CPU ms per request).
 * Here every process shares 2 cores, so req/s follows the sum of their CPU instead.
 */
const busiestOf = (cpuSecondsPer1000) => {
  const [name, seconds] = Object.entries(cpuSecondsPer1000)
    .filter(([, v]) => Number.isFinite(v) && v > 0)
    .sort((a, b) => b[1] - a[1])[0] ?? [null, null];
  return { process: name, msPerRequest: seconds, rpsBound: seconds ? 1000 / seconds : null };
};

/** Per concurrency and target: the median over rounds of rps, p50 and p99, and Azukari's ratios to each reference. */
const summarise = (samples) => {
  const read = {};
  for (const [level, byTarget] of Object.entries(samples)) {
    read[level] = {};
    for (const [name, runs] of Object.entries(byTarget)) {
      const processes = Object.keys(runs[0].cpuSecondsPer1000);
      read[level][name] = {
        rps: median(runs.map((r) => r.rps)),
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
        failed: runs.reduce((sum, r) => sum + r.failed, 0),
        cpuSecondsPer1000: Object.fromEntries(processes.map((p) => [p, median(runs.map((r) => r.cpuSecondsPer1000[p]))])),
      };
      read[level][name].busiest = busiestOf(read[level][name].cpuSecondsPer1000);
    }
    const ours = read[level].azukari;
    read[level].ratio = Object.fromEntries(
      ['apolloGateway', 'hiveGateway', 'custodyAlone', 'azukariUnaudited'].map((ref) => [
        ref,
        {
          rps: ours.rps / read[level][ref].rps,
          p99: ours.p99 / read[level][ref].p99,
          busiestBound: ours.busiest.rpsBound / read[level][ref].busiest.rpsBound,
        },
      ]),
    );
  }
  return read;
};
