#!/usr/bin/env node
/**
 * Writes the env files that hold a deployment's secrets, one per container: compose reads them
 * (env_file), and Kubernetes Secrets are made from them (kubectl create secret generic
 * --from-env-file). Each process gets its own Ed25519 signing key, kid "<process>/<uuid>", and the
 * public keys of all six; none gets another's private key or a database it does not own.
 *
 *   node infra/scripts/generate-secrets.mjs [--out DIR] [--mysql-url URL] [--force]
 *
 * --out        where to write (default: infra/secrets, ignored by git and by the image build)
 * --mysql-url  the MySQL server for the subgraphs; without it, a root password is generated for
 *              the compose MariaDB (mariadb.env) and the URL points at it
 * --smtp-url   the SMTP relay of report emails (smtps://user:password@host:465), into worker.env;
 *              without it, add AZUKARI_SMTP_URL there yourself: the worker refuses to start without it
 * --force      overwrite existing files. A new token HMAC key voids every API token issued so far,
 *              and a new secrets key leaves stored webhook secrets unreadable.
 *
 * Values are written unquoted on one line, the only form that compose and kubectl read alike
 * (kubectl keeps quotes, compose strips them). None starts with a quote or holds a space, `#`,
 * `$` or a backslash, which compose would read as a comment, an expansion or an escape.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const PROCESSES = ['gateway', 'contracts', 'custody', 'personnel', 'incidents', 'worker'];
const SUBGRAPHS = new Set(['contracts', 'custody', 'personnel', 'incidents']);
// The form @azukari/common's config accepts: a server URL, or one with its database.
const MYSQL_URL = /^(mysql|mariadb):\/\/[^/\s#$"']+(\/[A-Za-z0-9_]*)?(\?[^\s#$"']*)?$/;

const fail = (message) => {
  process.stderr.write(`generate-secrets: ${message}\n`);
  process.exit(1);
};

const { values: options } = parseArgs({
  options: {
    out: { type: 'string', default: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../secrets') },
    'mysql-url': { type: 'string' },
    'smtp-url': { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});

const outDir = path.resolve(options.out);
const generatedPassword = options['mysql-url'] === undefined ? randomBytes(24).toString('hex') : undefined;
const mysqlUrl = options['mysql-url'] ?? `mariadb://root:${generatedPassword}@mariadb:3306`;
if (!MYSQL_URL.test(mysqlUrl)) {
  fail('--mysql-url must look like mysql://user:password@host:3306 (mariadb://... for a MariaDB server), with no space, quote, # or $');
}

const smtpUrl = options['smtp-url'];
if (smtpUrl !== undefined && !/^smtps?:\/\/[^\s#$"']+$/.test(smtpUrl)) {
  fail('--smtp-url must look like smtps://user:password@host:465 (or smtp://host:587), with no space, quote, # or $');
}

const signingKey = (owner) => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const kid = `${owner}/${randomUUID()}`;
  return {
    private: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'EdDSA' },
    public: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'EdDSA', use: 'sig' },
  };
};

const keys = Object.fromEntries(PROCESSES.map((name) => [name, signingKey(name)]));
const trustedKeys = JSON.stringify({ keys: PROCESSES.map((name) => keys[name].public) });

/** @type {Record<string, Record<string, string>>} file name -> settings */
const files = {};
for (const name of PROCESSES) {
  const settings = {
    AZUKARI_SIGNING_KEY: JSON.stringify(keys[name].private),
    AZUKARI_TRUSTED_KEYS: trustedKeys,
  };
  if (SUBGRAPHS.has(name)) settings.AZUKARI_MYSQL_URL = mysqlUrl;
  if (name === 'contracts') {
    settings.AZUKARI_TOKEN_HMAC_KEY = randomBytes(48).toString('base64url');
    settings.AZUKARI_SECRETS_KEY = randomBytes(32).toString('hex');
    settings.AZUKARI_REPORT_LINK_KEY = randomBytes(32).toString('hex');
  }
  if (name === 'worker' && smtpUrl !== undefined) settings.AZUKARI_SMTP_URL = smtpUrl;
  files[`${name}.env`] = settings;
}
if (generatedPassword !== undefined) files['mariadb.env'] = { MARIADB_ROOT_PASSWORD: generatedPassword };

const targets = Object.keys(files).map((file) => path.join(outDir, file));
const existing = targets.filter((file) => existsSync(file));
if (existing.length > 0 && !options.force) {
  fail(`refusing to overwrite ${existing.join(', ')} (pass --force to replace them)`);
}

mkdirSync(outDir, { recursive: true, mode: 0o700 });
const header = `# Written by infra/scripts/generate-secrets.mjs on ${new Date().toISOString()}. Keep private.\n`;
for (const [file, settings] of Object.entries(files)) {
  const target = path.join(outDir, file);
  const body = Object.entries(settings)
    .map(([key, value]) => `${key}=${value}\n`)
    .join('');
  writeFileSync(target, header + body, { mode: 0o600 });
  // writeFileSync's mode applies only to a new file.
  chmodSync(target, 0o600);
}

const shown = (file) => (path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file));
process.stdout.write(`Wrote ${targets.map(shown).join(', ')}\n`);
