// The reference targets `pnpm bench` compares Azukari's federated read against: a bare Apollo
// gateway and the Hive gateway, over in-memory subgraphs of Azukari's own shape (its subgraph SDLs,
// composed into the same supergraph), answering the bench query as Azukari does. Each target runs in
// its own process, as Azukari's do: the subgraphs in one, each gateway in another. Everything
// listens on 127.0.0.1 and nothing calls home (see each child's header).
import { fork } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { quietEnv } from '../../scripts/lib.mjs';
import { READ_QUERY } from './read-query.mjs';

const START_MS = 60_000;
const STOP_MS = 5_000;

/** Posts the bench query; resolves to the parsed answer. */
export const ask = async (url, variables) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: READ_QUERY, variables }),
  });
  return res.json();
};

// First message from the child, or why there will be none.
const nextMessage = (child, what) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`${what}: no answer in ${START_MS} ms`)), START_MS);
    const onMessage = (message) => done(null, message);
    const onExit = (code, signal) => done(new Error(`${what} exited (${code ?? signal}) before it was ready`));
    const done = (error, message) => {
      clearTimeout(timer);
      child.off('message', onMessage).off('exit', onExit).off('error', done);
      if (error) reject(error);
      else resolve(message);
    };
    child.on('message', onMessage).on('exit', onExit).on('error', done);
  });

const stop = async (child) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve).once('error', resolve));
  // Each child exits when its IPC channel closes; a stuck one is killed.
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_MS);
  if (child.connected) child.disconnect();
  await exited;
  clearTimeout(timer);
};

// Ready means the whole answer: every edge, each with its custodian from the personnel subgraph.
const answersFully = async (url, variables, what) => {
  let last;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      last = await ask(url, variables);
      const edges = last.data?.assets?.edges ?? [];
      if (!last.errors && edges.length === variables.n && edges.every((e) => e.node.custodian?.name && e.node.contract?.client?.name))
        return;
    } catch (error) {
      last = error;
    }
    await sleep(200);
  }
  throw new Error(
    `${what} does not answer the bench query fully: ${last instanceof Error ? last.message : JSON.stringify(last).slice(0, 500)}`,
  );
};

/** `apolloGateway` and `hiveGateway`: { url, pids } (the pids of the gateway's and the subgraphs' processes). */
export const startReferences = async ({ assets = 100 } = {}) => {
  Object.assign(process.env, quietEnv);
  const children = [];
  // A parent that exits without close() takes its children along (one killed outright loses
  // its IPC channel instead, on which they exit).
  const killAll = () => children.forEach((child) => child.kill('SIGKILL'));
  process.on('exit', killAll);
  const start = (file, args = []) => {
    const child = fork(new URL(file, import.meta.url), args, {
      // Like Azukari's processes in the bench: as deployed, NODE_ENV=production.
      env: { ...process.env, ...quietEnv, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    return child;
  };
  const close = async () => {
    await Promise.all(children.map(stop));
    process.off('exit', killAll);
  };

  try {
    const subgraphs = start('./reference-subgraphs.mjs', [String(assets)]);
    const apollo = start('./reference-apollo-gateway.mjs');
    const hive = start('./reference-hive-gateway.mjs');
    const { supergraphSdl, contractId } = await nextMessage(subgraphs, 'the reference subgraphs');
    const [apolloGateway, hiveGateway] = await Promise.all(
      [
        [apollo, 'the Apollo gateway'],
        [hive, 'the Hive gateway'],
      ].map(async ([child, what]) => {
        child.send({ supergraphSdl });
        const { url } = await nextMessage(child, what);
        await answersFully(url, { c: contractId, n: Math.min(assets, 100) }, what);
        // The subgraphs' process serves both gateways: its CPU counts for each (see BENCHMARKS.md).
        return { url, pids: { gateway: child.pid, subgraphs: subgraphs.pid } };
      }),
    );
    return { apolloGateway, hiveGateway, contractId, close };
  } catch (error) {
    await close();
    throw error;
  }
};
