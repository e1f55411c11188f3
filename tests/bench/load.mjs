// One load run against one target with autocannon, and the CPU time the target's processes spent
// on it (from /proc: utime + stime, in clock ticks of 1/100 s, as Linux reports them).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const TICKS_PER_SECOND = 100;

const cpuSecondsOf = (pid) => {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN; // not Linux, or the process is gone
  }
};

export const cpuOf = (pids) => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSecondsOf(pid)]));

const pidOf = (...names) => {
  for (const name of names) {
    try {
      const pid = Number(execFileSync('pidof', ['-s', name], { encoding: 'utf8' }).trim());
      if (pid > 0) return pid;
    } catch {
      // not running under this name
    }
  }
  return null;
};

/**
 * MariaDB's and Redis's processes, shared by every Azukari target (and idle while a reference
 * runs), so that their share of a request's CPU is counted too.
 */
export const sharedServicePids = () =>
  Object.fromEntries(
    Object.entries({ mariadb: pidOf('mariadbd', 'mysqld'), redis: pidOf('redis-server') }).filter(([, pid]) => pid !== null),
  );

/**
 * Checks once that `target` answers the query as expected (autocannon counts a 200 with GraphQL
 * errors as a success), so a broken target can never pass for a fast one.
 */
export const checkTarget = async (target, expectEdges) => {
  const headers = typeof target.headers === 'function' ? await target.headers() : target.headers;
  const response = await fetch(target.url, { method: 'POST', headers, body: target.body });
  const body = await response.json();
  const edges = body?.data?.assets?.edges;
  if (response.status !== 200 || body.errors || !Array.isArray(edges) || edges.length !== expectEdges) {
    throw new Error(`${target.name} did not answer the bench query: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
  }
};

/** Runs `connections` concurrent connections for `seconds`; returns rps, p50, p99 (ms) and CPU seconds per 1,000 requests by process. */
export const loadRun = async (target, { connections, seconds }) => {
  const headers = typeof target.headers === 'function' ? await target.headers() : target.headers;
  const before = cpuOf(target.pids ?? {});
  const failures = new Set();
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers,
    body: target.body,
    connections,
    duration: seconds,
    pipelining: 1,
    // An answer with GraphQL errors is a failure, whatever its status; the first few say why.
    verifyBody: (body) => {
      if (!body.includes('"errors"')) return true;
      if (failures.size < 3) failures.add(body.slice(0, 300));
      return false;
    },
  });
  const after = cpuOf(target.pids ?? {});
  const completed = result.requests.total;
  const failed = result.errors + result.timeouts + result.non2xx + result.mismatches;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: completed,
    answered: result['2xx'] - result.mismatches,
    failed,
    failures: [
      ...failures,
      ...(result.errors + result.timeouts + result.non2xx > 0
        ? [`${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`]
        : []),
    ],
    cpuSecondsPer1000: Object.fromEntries(
      Object.keys(before).map((name) => [name, completed > 0 ? ((after[name] - before[name]) * 1000) / completed : null]),
    ),
  };
};
