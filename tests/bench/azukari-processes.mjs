// Azukari as users run it, for the bench: every service in its own process (as `pnpm start`
// runs them), from the built dist, on free ports, with databases and a queue prefix of the bench's
// own (dropped and removed at the end), seeded through the gateway like a frontend would.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, PROCESSES, SUBGRAPHS, processEnv, waitReady } from '../../scripts/lib.mjs';
import { READ_QUERY } from './read-query.mjs';

const require = createRequire(import.meta.url);
const { CredentialIssuer, generateApiToken } = require('@azukari/common');
const { factories, graphql, startSmtpReceiver, testResources } = require('@azukari/testing');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * Starts the stack; `env` adds settings to every process (AZUKARI_AUDIT_READS=false, say), and
 * `nodeArgs(name)` gives a process's Node flags (--cpu-prof, for the profile).
 * Returns the gateway's URL, each subgraph's URL, each process's pid (for its CPU time) and close().
 */
export const startAzukari = async ({ env = {}, logLevel = 'warn', nodeArgs = () => [] } = {}) => {
  const resources = testResources(process.env.AZUKARI_REDIS_URL ?? 'redis://127.0.0.1:6379');
  await resources.create(SUBGRAPHS);
  const ports = Object.fromEntries(await Promise.all(PROCESSES.map(async (name) => [name, await freePort()])));
  const urls = Object.fromEntries(PROCESSES.map((name) => [name, `http://127.0.0.1:${ports[name]}`]));
  // As deployed (infra/Dockerfile): NODE_ENV=production, which also refuses the public development
  // admin token, so the bench makes one of its own.
  const adminToken = generateApiToken();
  // Report emails go to a real SMTP server in this process, and webhooks may reach this process's
  // receivers on the loopback's ephemeral ports (never MariaDB's or Redis').
  const mail = await startSmtpReceiver({ parse: false });
  const shared = {
    AZUKARI_SMTP_URL: mail.url,
    AZUKARI_WEBHOOK_ALLOW: '127.0.0.1:32768-65535',
    NODE_ENV: 'production',
    AZUKARI_ADMIN_TOKEN: adminToken,
    AZUKARI_QUEUE_PREFIX: resources.queuePrefix,
    AZUKARI_LOG_LEVEL: logLevel,
    AZUKARI_RATE_LIMIT_PER_MINUTE: '1000000',
    ...Object.fromEntries(PROCESSES.map((name) => [`AZUKARI_${name.toUpperCase()}_URL`, urls[name]])),
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`AZUKARI_${name.toUpperCase()}_MYSQL_URL`, resources.databaseUrl(name)])),
    ...env,
  };
  const children = new Map();
  const close = async () => {
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', resolve);
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
          }),
      ),
    );
    await resources.cleanup();
    await mail.close();
  };
  process.once('exit', () => {
    for (const child of children.values()) child.kill('SIGKILL');
  });
  try {
    // Subgraphs first (the gateway's readiness asks them), personnel before custody (it calls it).
    for (const name of ['personnel', 'contracts', 'custody', 'incidents', 'worker', 'gateway']) {
      const child = spawn(process.execPath, [...nodeArgs(name), join(ROOT, 'apps', name, 'dist', 'main.js')], {
        env: { ...processEnv(name), ...shared, [`AZUKARI_${name.toUpperCase()}_PORT`]: String(ports[name]) },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      children.set(name, child);
      if (!(await waitReady(ports[name], () => child.exitCode === null))) {
        throw new Error(`${name} was not ready within 90 s (exit code ${child.exitCode ?? 'none: still running'})`);
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    graphqlUrl: `${urls.gateway}/graphql`,
    urls,
    pids: Object.fromEntries([...children].map(([name, child]) => [name, child.pid])),
    /** Each subgraph's database, for fixtures too large to make through the API. */
    databaseUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, resources.databaseUrl(name)])),
    adminToken,
    /** Every report email the stack sent. */
    mail,
    request: async (query, variables = {}, token = adminToken) => await graphql(`${urls.gateway}/graphql`, query, variables, token),
    close,
  };
};

/** The bench's fixture through the API: one client, contracts of `sizes` assets, each with a custodian. */
export const seedAzukari = async (stack, sizes = [10, 100]) => {
  const as = async (q, v) => await stack.request(q, v);
  const client = await factories.createClient(as, { name: 'Bench KK' });
  const custodians = [
    (await factories.createEmployee(as, { name: '鈴木 一', email: `b1-${client.id.slice(-8)}@operator.example` })).id,
    (await factories.createEmployee(as, { name: '鈴木 二', email: `b2-${client.id.slice(-8)}@operator.example` })).id,
  ];
  const contracts = {};
  for (const n of sizes) {
    contracts[n] = (await factories.createContract(as, client.id, { title: n === 100 ? 'hundred' : String(n) })).id;
    for (let i = 0; i < n; i += 1) await factories.createAsset(as, contracts[n], { name: `asset ${i}`, custodianId: custodians[i % 2] });
  }
  // Personnel records custodianships from custody's events: measure once every one is there.
  const deadline = Date.now() + 60_000;
  for (const n of sizes) {
    for (;;) {
      const res = await stack.request(READ_QUERY, { c: contracts[n], n });
      if (res.data?.assets.edges.length === n && res.data.assets.edges.every((e) => e.node.custodian)) break;
      if (Date.now() > deadline) throw new Error('custodianships were not recorded within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const { token, apiToken } = await factories.createPartnerToken(as, client.id, ['CONTRACTS_READ', 'CUSTODY_READ']);
  /** The principal the gateway signs for this token, for calling one subgraph directly. */
  const principal = { kind: 'partner', tokenId: apiToken.id, clientId: client.id, scopes: ['contracts:read', 'custody:read'] };
  return { clientId: client.id, contracts, token, principal };
};

/**
 * The credential the gateway signs for `audience` on behalf of `principal`, for calling one
 * subgraph directly. Sign one per run: it lives a minute, longer than any run.
 */
export const gatewayCredential = async (audience, principal) => {
  const issuer = new CredentialIssuer('gateway', JSON.parse(processEnv('gateway').AZUKARI_SIGNING_KEY));
  return await issuer.sign(audience, { caller: principal });
};
