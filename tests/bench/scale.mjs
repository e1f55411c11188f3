// The list page at scale: BENCH_SCALE_ASSETS (1,000,000) data assets of one client in custody's
// table, spread over four contracts (70 %, 10 %, 10 %, 10 %) and three statuses (90 % HELD, 7 %
// RETURNED, 3 % DISPOSED), in id (creation) order as registration would leave them. A million
// registrations through the API would take hours here, so the rows are written straight into the
// bench's own custody database; the contracts and the client are real ones, made through the API.
// Then custody's page of 50 is asked for directly, with the gateway credential a partner's request
// carries, one request at a time: the first page and one deep in the big contract (cursor at 60 %),
// by contract and by contract and status. p50/p99 are at the subgraph (HTTP, credential, GraphQL
// and SQL), with the statement's own beside them; each case also shows which index MariaDB reads
// it by (EXPLAIN).
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const mysql = require('mysql2/promise');
const { newId } = require('@azukari/common');
const { encodeCursor } = require('@azukari/service-kit');
const { factories } = require('@azukari/testing');

const PAGE = 50;
const SETTLE_MS = 15_000;
const BATCH = 5_000;
const SHARES = [0.7, 0.1, 0.1, 0.1];
const STATUSES = [
  ['HELD', 0.9],
  ['RETURNED', 0.07],
  ['DISPOSED', 0.03],
];

const PAGE_QUERY = `query ($c: ID!, $s: DataAssetStatus, $n: Int!, $after: String) {
  assets(contractId: $c, status: $s, first: $n, after: $after) { edges { node { id name status } } pageInfo { hasNextPage endCursor } }
}`;

// A fixed sequence (mulberry32), so every run lays the rows out alike.
const random = (() => {
  let seed = 0x5eed;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
const pick = (weights) => {
  let r = random();
  for (const [value, weight] of weights) if ((r -= weight) < 0) return value;
  return weights.at(-1)[0];
};

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const seedRows = async (db, clientId, contractIds, total, log) => {
  const started = performance.now();
  const now = new Date();
  const weights = contractIds.map((id, i) => [id, SHARES[i]]);
  for (let written = 0; written < total; written += BATCH) {
    const rows = [];
    for (let i = written; i < Math.min(total, written + BATCH); i += 1) {
      rows.push([newId(), pick(weights), clientId, `asset ${i}`, 'ELECTRONIC', 'Tokyo DC rack 12', 1200, pick(STATUSES), now, now, now]);
    }
    await db.query(
      'INSERT INTO data_asset (id, contractId, clientId, name, form, location, recordCount, status, receivedAt, createdAt, updatedAt) VALUES ?',
      [rows],
    );
    if ((written / BATCH) % 40 === 0) log(`  ${written.toLocaleString('en')} of ${total.toLocaleString('en')} rows`);
  }
  await db.query('ANALYZE TABLE data_asset');
  return (performance.now() - started) / 1000;
};

/** The id `fraction` of the way through a contract's assets (in one status), as a cursor a client could hold. */
const cursorAt = async (db, contractId, status, fraction) => {
  const [[{ n }]] = await db.query(`SELECT COUNT(*) AS n FROM data_asset WHERE contractId = ?${status ? ' AND status = ?' : ''}`, [
    contractId,
    ...(status ? [status] : []),
  ]);
  // Fixture set-up only: the API itself never reads by OFFSET.
  const [[row]] = await db.query(
    `SELECT id FROM data_asset WHERE contractId = ?${status ? ' AND status = ?' : ''} ORDER BY id LIMIT 1 OFFSET ?`,
    [contractId, ...(status ? [status] : []), Math.floor(Number(n) * fraction)],
  );
  return { count: Number(n), cursor: encodeCursor(row.id), afterId: row.id };
};

/** The page's statement as DataAssetRepository.page sends it (index, tenant scope, contract, status, keyset). */
const pageStatement = (clientId, contractId, status, afterId) => {
  const index = status ? 'IDX_data_asset_contract_status' : 'IDX_data_asset_contract';
  return [
    `SELECT a.* FROM data_asset a FORCE INDEX (${index}) WHERE (a.clientId = ?) AND a.contractId = ?${status ? ' AND a.status = ?' : ''}${afterId ? ' AND a.id > ?' : ''} ORDER BY a.id ASC LIMIT ${PAGE + 1}`,
    [clientId, contractId, ...(status ? [status] : []), ...(afterId ? [afterId] : [])],
  ];
};

/** How MariaDB reads the page: the access (ref, range) and the index. */
const planOf = async (db, [sql, params]) => {
  const [[plan]] = await db.query(`EXPLAIN ${sql}`, params);
  return { key: plan.key, access: plan.type, keyLength: Number(plan.key_len), rows: Number(plan.rows) };
};

export const runScale = async ({ stack, total, requests, custodyHeaders, log }) => {
  const as = async (q, v) => await stack.request(q, v);
  const client = await factories.createClient(as, { name: 'Scale KK' });
  const contractIds = [];
  for (let i = 0; i < SHARES.length; i += 1) contractIds.push((await factories.createContract(as, client.id, { title: `scale ${i}` })).id);
  const principal = { kind: 'partner', tokenId: newId(), clientId: client.id, scopes: ['custody:read'] };
  const db = await mysql.createConnection({ uri: stack.databaseUrls.custody });
  try {
    log(`• writing ${total.toLocaleString('en')} data assets into custody's table`);
    const seedSeconds = await seedRows(db, client.id, contractIds, total, log);
    const big = contractIds[0];
    const cases = [
      { name: 'by contract, first page', status: null, fraction: null },
      { name: 'by contract, deep page', status: null, fraction: 0.6 },
      { name: 'by contract and status, first page', status: 'DISPOSED', fraction: null },
      { name: 'by contract and status, deep page', status: 'DISPOSED', fraction: 0.6 },
    ];
    const headers = await custodyHeaders(principal);
    const url = `${stack.urls.custody}/graphql`;
    const ask = async (variables) => {
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: PAGE_QUERY, variables }) });
      const body = await response.json();
      if (response.status !== 200 || body.errors || body.data.assets.edges.length !== PAGE) {
        throw new Error(`custody did not answer a page of ${PAGE}: ${JSON.stringify(body).slice(0, 300)}`);
      }
    };
    // The bulk insert leaves MariaDB busy (purge, flushing) for a while: warm up for at least
    // SETTLE_MS, then interleave the cases in rounds, so that a noisy moment falls on each alike.
    // Each case is timed at the subgraph (the page through HTTP, credential, GraphQL and SQL) and,
    // beside it, its statement alone on a connection of the bench's own.
    const prepared = [];
    for (const c of cases) {
      const at = c.fraction === null ? null : await cursorAt(db, big, c.status, c.fraction);
      const statement = pageStatement(client.id, big, c.status, at?.afterId ?? null);
      prepared.push({ ...c, statement, variables: { c: big, s: c.status, n: PAGE, after: at?.cursor ?? null }, times: [], sqlTimes: [] });
    }
    const settled = Date.now() + SETTLE_MS;
    for (let i = 0; i < 100 || Date.now() < settled; i += 1) for (const c of prepared) await ask(c.variables);
    const ROUNDS = 4;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const c of prepared) {
        for (let i = 0; i < Math.ceil(requests / ROUNDS); i += 1) {
          let t0 = performance.now();
          await ask(c.variables);
          c.times.push(performance.now() - t0);
          t0 = performance.now();
          await db.query(...c.statement);
          c.sqlTimes.push(performance.now() - t0);
        }
      }
    }
    const results = {};
    for (const c of prepared) {
      const times = c.times.sort((a, b) => a - b);
      const sqlTimes = c.sqlTimes.sort((a, b) => a - b);
      results[c.name] = {
        p50: percentile(times, 50),
        p99: percentile(times, 99),
        sqlP50: percentile(sqlTimes, 50),
        sqlP99: percentile(sqlTimes, 99),
        requests: times.length,
        plan: await planOf(db, c.statement),
      };
    }
    const [[{ n }]] = await db.query('SELECT COUNT(*) AS n FROM data_asset');
    const [[{ inBig }]] = await db.query('SELECT COUNT(*) AS inBig FROM data_asset WHERE contractId = ?', [big]);
    return { assets: Number(n), inContract: Number(inBig), pageSize: PAGE, seedSeconds, cases: results };
  } finally {
    await db.end();
  }
};
