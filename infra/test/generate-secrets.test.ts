import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, sign, verify, type JsonWebKey } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROCESSES, SUBGRAPHS, infraPath, loadYaml, processesReading, readEnvFile } from './support';

const SCRIPT = infraPath('scripts', 'generate-secrets.mjs');
// The form @azukari/common's config accepts for AZUKARI_MYSQL_URL.
const COMMON_MYSQL_URL = /^(mysql|mariadb):\/\/[^/]+(\/[A-Za-z0-9_]*)?(\?.*)?$/;

interface Jwk extends JsonWebKey {
  kid: string;
}

const generate = (out: string, ...args: string[]) => spawnSync(process.execPath, [SCRIPT, '--out', out, ...args], { encoding: 'utf8' });

const SMTP_URL = 'smtps://reports:s3cret@smtp.example.jp:465';

describe('scripts/generate-secrets.mjs', () => {
  let dir: string;
  let files: Record<string, Record<string, string>>;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'azukari-secrets-'));
    execFileSync(process.execPath, [SCRIPT, '--out', dir, '--smtp-url', SMTP_URL]);
    files = Object.fromEntries(readdirSync(dir).map((file) => [file, readEnvFile(path.join(dir, file))]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one env file per process and one for MariaDB, readable by the owner only', () => {
    expect(Object.keys(files).sort()).toEqual([...PROCESSES.map((name) => `${name}.env`), 'mariadb.env'].sort());
    for (const file of Object.keys(files)) expect(statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
  });

  it('writes exactly the keys of the Secret template, per process', () => {
    const templates = loadYaml(infraPath('k8s', 'secret.template.yaml')) as {
      metadata: { name: string };
      stringData: Record<string, string>;
    }[];
    for (const name of PROCESSES) {
      const template = templates.find((secret) => secret.metadata.name === `azukari-${name}`);
      expect(Object.keys(files[`${name}.env`] ?? {}).sort()).toEqual(Object.keys(template?.stringData ?? {}).sort());
    }
  });

  it("puts the SMTP relay in the worker's file alone, and refuses one compose would misread", () => {
    expect(files['worker.env']?.AZUKARI_SMTP_URL).toBe(SMTP_URL);
    for (const name of PROCESSES.filter((p) => p !== 'worker')) expect(files[`${name}.env`]).not.toHaveProperty('AZUKARI_SMTP_URL');
    const out = mkdtempSync(path.join(tmpdir(), 'azukari-secrets-'));
    try {
      const bad = generate(out, '--smtp-url', 'smtp://user:pa$$@host:587');
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/--smtp-url must look like/);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('gives each process its own Ed25519 key, named after it, that the shared JWKS verifies', () => {
    const trusted = JSON.parse(files['gateway.env']?.AZUKARI_TRUSTED_KEYS ?? '') as { keys: Jwk[] };
    expect(trusted.keys.map((key) => key.kid.split('/')[0])).toEqual(PROCESSES);
    for (const key of trusted.keys) {
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
      expect(key).not.toHaveProperty('d');
    }

    const privateKids = new Set<string>();
    for (const name of PROCESSES) {
      const settings = files[`${name}.env`] ?? {};
      expect(settings.AZUKARI_TRUSTED_KEYS).toBe(files['gateway.env']?.AZUKARI_TRUSTED_KEYS);
      const jwk = JSON.parse(settings.AZUKARI_SIGNING_KEY ?? '') as Jwk;
      expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', d: expect.any(String), x: expect.any(String) });
      expect(jwk.kid).toMatch(new RegExp(`^${name}/[0-9a-f-]{36}$`));
      privateKids.add(jwk.kid);

      const publicJwk = trusted.keys.find((key) => key.kid === jwk.kid) as Jwk;
      const signature = sign(null, Buffer.from(name), createPrivateKey({ key: jwk, format: 'jwk' }));
      expect(verify(null, Buffer.from(name), createPublicKey({ key: publicJwk, format: 'jwk' }), signature)).toBe(true);
    }
    expect(privateKids.size).toBe(PROCESSES.length);
  });

  it('gives a signing key to every process whose config reads one (all six, personnel included)', () => {
    const signers = processesReading('AZUKARI_SIGNING_KEY');
    expect(signers).toEqual(expect.arrayContaining(['personnel']));
    for (const name of signers) expect(files[`${name}.env`]?.AZUKARI_SIGNING_KEY).toMatch(new RegExp(`"kid":"${name}/`));
  });

  it('gives the database URL to the subgraphs only, pointing at the generated MariaDB password', () => {
    const password = files['mariadb.env']?.MARIADB_ROOT_PASSWORD ?? '';
    expect(password).toMatch(/^[0-9a-f]{48}$/);
    for (const name of PROCESSES) {
      const url = files[`${name}.env`]?.AZUKARI_MYSQL_URL;
      if (SUBGRAPHS.includes(name)) {
        expect(url).toBe(`mariadb://root:${password}@mariadb:3306`);
        expect(url).toMatch(COMMON_MYSQL_URL);
      } else {
        expect(url).toBeUndefined();
      }
    }
  });

  it('gives contracts a token HMAC key of at least 32 characters and a 64-hex secrets key', () => {
    const contracts = files['contracts.env'] ?? {};
    expect((contracts.AZUKARI_TOKEN_HMAC_KEY ?? '').length).toBeGreaterThanOrEqual(32);
    expect(contracts.AZUKARI_SECRETS_KEY).toMatch(/^[0-9a-f]{64}$/);
    expect(contracts.AZUKARI_REPORT_LINK_KEY).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes values that compose and kubectl read alike: unquoted, one word, nothing to expand', () => {
    for (const settings of Object.values(files)) {
      for (const value of Object.values(settings)) {
        expect(value).not.toMatch(/^['"]/);
        expect(value).not.toMatch(/[\s#$\\]/);
      }
    }
  });

  it('refuses to overwrite existing secrets without --force', () => {
    const before = readFileSync(path.join(dir, 'contracts.env'), 'utf8');
    const result = generate(dir);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/--force/);
    expect(readFileSync(path.join(dir, 'contracts.env'), 'utf8')).toBe(before);
  });

  it('uses a given server URL and then writes no MariaDB password', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'azukari-secrets-'));
    try {
      const url = 'mysql://azukari:s3cret@db.internal:3306';
      expect(generate(out, '--mysql-url', url).status).toBe(0);
      expect(readdirSync(out)).not.toContain('mariadb.env');
      expect(readEnvFile(path.join(out, 'custody.env')).AZUKARI_MYSQL_URL).toBe(url);
      expect(generate(path.join(out, 'bad'), '--mysql-url', 'postgres://db').status).not.toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
