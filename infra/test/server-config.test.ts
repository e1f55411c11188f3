import { readFileSync } from 'node:fs';
import { infraPath, loadYamlDocument, readConfigLines } from './support';

interface Compose {
  services: Record<string, { command?: string[]; volumes?: string[] }>;
}
const compose = loadYamlDocument<Compose>(infraPath('compose.yaml'));

describe('redis/redis.conf', () => {
  const settings = readConfigLines(infraPath('redis', 'redis.conf'), /\s+/).get('') as Map<string, string>;

  it('persists every write to the AOF, fsynced every second', () => {
    expect(settings.get('appendonly')).toBe('yes');
    expect(settings.get('appendfsync')).toBe('everysec');
  });

  it('never evicts a key', () => {
    expect(settings.get('maxmemory-policy')).toBe('noeviction');
  });

  it('agrees with the flags compose starts Redis with, and is the file compose mounts', () => {
    const command = compose.services.redis?.command ?? [];
    const flag = (name: string) => command[command.indexOf(`--${name}`) + 1];
    expect(flag('appendonly')).toBe(settings.get('appendonly'));
    expect(flag('maxmemory-policy')).toBe(settings.get('maxmemory-policy'));
    const mount = compose.services.redis?.volumes?.find((volume) => volume.startsWith('./redis/redis.conf:'));
    expect(command).toContain(mount?.split(':')[1]);
  });
});

describe('mariadb/azukari.cnf', () => {
  const server = readConfigLines(infraPath('mariadb', 'azukari.cnf'), /\s*=\s*/).get('mysqld') as Map<string, string>;

  it('makes utf8mb4 with utf8mb4_bin the server default', () => {
    expect(server.get('character-set-server')).toBe('utf8mb4');
    expect(server.get('collation-server')).toBe('utf8mb4_bin');
  });

  it('runs the server in UTC and READ-COMMITTED', () => {
    expect(server.get('default-time-zone')).toBe("'+00:00'");
    expect(server.get('transaction-isolation')).toBe('READ-COMMITTED');
  });

  it('agrees with the flags compose starts MariaDB with, and is mounted where MariaDB reads it', () => {
    const command = compose.services.mariadb?.command ?? [];
    expect(command).toContain(`--character-set-server=${server.get('character-set-server')}`);
    expect(command).toContain(`--collation-server=${server.get('collation-server')}`);
    expect(compose.services.mariadb?.volumes).toContain('./mariadb/azukari.cnf:/etc/mysql/conf.d/azukari.cnf:ro');
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(infraPath('Dockerfile'), 'utf8');
  const ignore = readFileSync(infraPath('Dockerfile.dockerignore'), 'utf8').split('\n');

  it('builds on node:20-bookworm-slim with the pinned pnpm and the frozen lockfile', () => {
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const base of bases) expect(base).toBe('node:20-bookworm-slim');
    expect(dockerfile).toMatch(/npm i -g pnpm@12\.21\.0/);
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile\n/);
    expect(dockerfile).toMatch(/pnpm build/);
  });

  it('runs as a numeric non-root user and without Apollo telemetry', () => {
    const users = [...dockerfile.matchAll(/^USER (\S+)/gm)].map((match) => match[1]);
    expect(users.at(-1)).toMatch(/^[1-9][0-9]*:[1-9][0-9]*$/);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/APOLLO_TELEMETRY_DISABLED=true/);
  });

  it('keeps secrets and host dependencies out of the build context', () => {
    expect(ignore).toEqual(expect.arrayContaining(['**/.env', '**/.env.*', 'infra/secrets', '**/node_modules', '.git']));
  });

  it('has its generated secrets ignored by git', () => {
    expect(readFileSync(infraPath('.gitignore'), 'utf8').split('\n')).toContain('/secrets/');
  });
});
