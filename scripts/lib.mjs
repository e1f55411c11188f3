// Helpers for the root scripts. Plain Node with no dependencies: `npm start` runs before anything
// is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PROCESSES = ['personnel', 'contracts', 'custody', 'incidents', 'worker', 'gateway'];
export const SUBGRAPHS = ['contracts', 'custody', 'personnel', 'incidents'];
const ISSUERS = ['gateway', 'contracts', 'custody', 'personnel', 'incidents', 'worker'];

export const pinnedPnpm = () => JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.pnpm;

/** Runs a command with the quiet environment; exits on failure unless `allowFailure`, else returns the status. */
export const run = (cmd, args, { allowFailure = false, ...options } = {}) => {
  const result = spawnSync(cmd, args, {
    stdio: 'inherit',
    cwd: ROOT,
    ...options,
    env: { ...process.env, ...quietEnv, ...(options.env ?? {}) },
  });
  if (allowFailure) return result.status ?? 1;
  if (result.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
};

/**
 * Telemetry off in every process we start (Apollo, turbo). It wins over the shell and over turbo's
 * user-level setting (`turbo telemetry enable`): nothing here may call home.
 */
export const quietEnv = { APOLLO_TELEMETRY_DISABLED: 'true', TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };

/**
 * turbo with the quiet environment: the only way the root scripts reach it (infra/test/root-scripts
 * checks that). Its JavaScript launcher runs under this Node, so no shell or Windows `.cmd` shim is
 * involved; resolved at call time because `npm start` loads this file before installing.
 */
export const turbo = (args, options = {}) =>
  run(process.execPath, [createRequire(join(ROOT, 'package.json')).resolve('turbo/bin/turbo'), ...args], options);

/** Installs the pinned pnpm with npm when it is missing or another version. */
export const ensurePnpm = () => {
  const wanted = pinnedPnpm();
  let current = null;
  try {
    current = execFileSync('pnpm', ['-v'], { encoding: 'utf8' }).trim();
  } catch {
    current = null;
  }
  if (current === wanted) return;
  console.log(`• installing pnpm ${wanted} with npm (found ${current ?? 'none'})`);
  run('npm', ['install', '--global', `pnpm@${wanted}`]);
};

/** pnpm install when node_modules is missing or older than the lockfile. */
export const ensureDependencies = () => {
  const marker = join(ROOT, 'node_modules', '.modules.yaml');
  const lock = join(ROOT, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('• installing dependencies (pnpm install --frozen-lockfile)');
  run('pnpm', ['install', '--frozen-lockfile']);
};

/** KEY=value lines; later files do not override earlier ones, the environment wins over all. */
export const readEnvFile = (path) => {
  const values = {};
  if (!existsSync(path)) return values;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (!match) continue;
    let value = match[2];
    if (/^'.*'$|^".*"$/.test(value)) value = value.slice(1, -1);
    values[match[1]] = value;
  }
  return values;
};

/**
 * Development keys and secrets, made once on this machine in .azukari/dev-secrets.json (ignored by
 * git): an Ed25519 signing key per process, the token HMAC key, the secrets key and the report link key. Production sets
 * them in the environment instead (infra/scripts/generate-secrets.mjs).
 */
export const devSecrets = () => {
  const file = join(ROOT, '.azukari', 'dev-secrets.json');
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8'));
    // A file made before the report link key existed gets one, once.
    if (!kept.reportLinkKey) {
      kept.reportLinkKey = randomBytes(32).toString('hex');
      writeFileSync(file, JSON.stringify(kept, null, 2), { mode: 0o600 });
    }
    return kept;
  }
  const keys = {};
  for (const issuer of ISSUERS) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const kid = `${issuer}/${randomUUID()}`;
    keys[issuer] = {
      private: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'EdDSA' },
      public: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'EdDSA' },
    };
  }
  const secrets = {
    keys,
    tokenHmacKey: randomBytes(32).toString('hex'),
    secretsKey: randomBytes(32).toString('hex'),
    reportLinkKey: randomBytes(32).toString('hex'),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
};

const fileEnv = () => (existsSync(join(ROOT, '.env')) ? readEnvFile(join(ROOT, '.env')) : readEnvFile(join(ROOT, '.env.example')));

/** A setting as the user gave it: this shell, then .env (or .env.example); undefined when unset or empty. */
const userSetting = (key) => process.env[key] || fileEnv()[key] || undefined;

/**
 * Where mail goes under `pnpm start`: to the user's own SMTP server when AZUKARI_SMTP_URL names one,
 * otherwise to the local mail catcher (scripts/mail-catcher.mjs) on 127.0.0.1.
 */
export const mailPlan = () => {
  const own = userSetting('AZUKARI_SMTP_URL');
  const catcherPort = Number(userSetting('AZUKARI_MAIL_CATCHER_PORT') ?? 4025);
  return { ownSmtpUrl: own ?? null, catcherPort, catcherDir: join(ROOT, '.azukari', 'mail') };
};

/** The environment of one process: this shell, then .env (or .env.example), then dev secrets. */
export const processEnv = (name) => {
  const secrets = devSecrets();
  const trusted = { keys: Object.values(secrets.keys).map((k) => k.public) };
  const generated = {
    AZUKARI_SIGNING_KEY: JSON.stringify(secrets.keys[name].private),
    AZUKARI_TRUSTED_KEYS: JSON.stringify(trusted),
    AZUKARI_TOKEN_HMAC_KEY: secrets.tokenHmacKey,
    AZUKARI_SECRETS_KEY: secrets.secretsKey,
    AZUKARI_REPORT_LINK_KEY: secrets.reportLinkKey,
  };
  const env = { ...generated, ...fileEnv(), ...quietEnv };
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // Report emails: to the mail catcher unless the user named an SMTP server; the link in a mail is this gateway.
  if (!env.AZUKARI_SMTP_URL) env.AZUKARI_SMTP_URL = `smtp://127.0.0.1:${mailPlan().catcherPort}`;
  // Development only: webhooks may reach this machine's ephemeral ports, where the demo's receiver listens
  // (never MariaDB's 3306 or Redis' 6379). A deployment sets nothing here, and no private address is reachable.
  if (env.AZUKARI_WEBHOOK_ALLOW === undefined && env.NODE_ENV !== 'production') env.AZUKARI_WEBHOOK_ALLOW = '127.0.0.1:32768-65535';
  if (!env.AZUKARI_PUBLIC_URL) env.AZUKARI_PUBLIC_URL = `http://127.0.0.1:${env.AZUKARI_GATEWAY_PORT || 4000}`;
  // Each process signs with its own key, whatever the shell holds.
  env.AZUKARI_SIGNING_KEY = process.env[`AZUKARI_${name.toUpperCase()}_SIGNING_KEY`] ?? generated.AZUKARI_SIGNING_KEY;
  return env;
};

/** Polls a TCP port on 127.0.0.1 until it accepts a connection (true), `alive()` turns false or 30 s pass (false). */
export const waitListening = async (port, alive) => {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (!alive()) return false;
    const open = await new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

/**
 * Polls a process's /health/ready until it answers 200 (true), `alive()` turns false or 90 s pass
 * (false): how `pnpm start` and the bench wait for each process they start.
 */
export const waitReady = async (port, alive) => {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (!alive()) return false;
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (res) => res.ok,
      () => false, // not listening yet
    );
    if (ready) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
};
