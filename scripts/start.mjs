#!/usr/bin/env node
// `npm start` / `pnpm start`: installs what is missing (pnpm included), builds (cached), creates
// the databases and runs the migrations (each subgraph does both at start), starts every service
// in the foreground with its output prefixed, and stops them all cleanly on Ctrl-C. Unless
// AZUKARI_SMTP_URL names an SMTP server, a local mail catcher keeps the mail the services send
// under .azukari/mail/ (scripts/mail-catcher.mjs).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  ROOT,
  PROCESSES,
  SUBGRAPHS,
  ensureDependencies,
  ensurePnpm,
  mailPlan,
  processEnv,
  turbo,
  waitListening,
  waitReady,
} from './lib.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Azukari needs Node 20.19 or newer (found ${process.versions.node}).`);
  process.exit(1);
}
ensurePnpm();
ensureDependencies();
console.log('• building (turbo: cached when nothing changed)');
turbo(['run', 'build', '--output-logs=errors-only']);

const children = new Map();
let stopping = false;
const colors = [36, 35, 33, 32, 34, 31, 37];

const startProcess = (name, index, script = join(ROOT, 'apps', name, 'dist', 'main.js'), env = processEnv(name)) => {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `\x1b[${colors[index % colors.length]}m${name.padEnd(9)}\x1b[0m│ `;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`${name} exited (${code ?? signal}); stopping the stack.`);
      stop(1);
    }
  });
  children.set(name, child);
  return env;
};

const stop = (code = 0) => {
  if (stopping) return;
  stopping = true;
  console.log('\n• stopping every service');
  for (const child of children.values()) child.kill('SIGTERM');
  const check = setInterval(() => {
    if (children.size === 0) {
      clearInterval(check);
      process.exit(code);
    }
  }, 100);
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(code || 1);
  }, 20_000).unref();
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const PORT_DEFAULTS = { gateway: 4000, contracts: 4001, custody: 4002, personnel: 4003, incidents: 4004, worker: 4005 };
const portOf = (name, env) => Number(env[`AZUKARI_${name.toUpperCase()}_PORT`] ?? PORT_DEFAULTS[name]);

const mail = mailPlan();
if (!mail.ownSmtpUrl) {
  // Before the worker, so that the first report finds it listening.
  const env = { ...process.env, AZUKARI_MAIL_CATCHER_PORT: String(mail.catcherPort), AZUKARI_MAIL_DIR: mail.catcherDir };
  startProcess('mail', PROCESSES.length, join(ROOT, 'scripts', 'mail-catcher.mjs'), env);
  if (!(await waitListening(mail.catcherPort, () => children.has('mail')))) {
    console.error(`the mail catcher did not start on 127.0.0.1:${mail.catcherPort}.`);
    stop(1);
  }
}

for (const [index, name] of stopping ? [] : PROCESSES.entries()) {
  const env = startProcess(name, index);
  // Subgraphs migrate at start; the gateway waits for them.
  if (SUBGRAPHS.includes(name) || name === 'gateway') {
    if (!(await waitReady(portOf(name, env), () => children.has(name)))) {
      console.error(
        `${name} did not become ready (is MySQL at ${env.AZUKARI_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306'} and Redis at ${env.AZUKARI_REDIS_URL ?? 'redis://127.0.0.1:6379'} up?).`,
      );
      stop(1);
      break;
    }
  }
}
if (!stopping) {
  const env = processEnv('gateway');
  const token = env.AZUKARI_ADMIN_TOKEN;
  console.log(`
  Azukari is up: http://127.0.0.1:${portOf('gateway', env)}/graphql
  Authenticate with:  Authorization: Bearer ${token ? token : '<AZUKARI_ADMIN_TOKEN is not set: set it in .env>'}
  (the bootstrap admin token from ${process.env.AZUKARI_ADMIN_TOKEN ? 'your environment' : '.env, or .env.example when there is no .env'})
  Mail sent by the demo: ${mail.ownSmtpUrl ? `goes to your SMTP server (AZUKARI_SMTP_URL)` : `open .azukari/mail/index.html`}
  Try:  pnpm demo      Stop: Ctrl-C
`);
}
