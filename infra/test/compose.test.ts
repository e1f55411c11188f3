import { existsSync } from 'node:fs';
import path from 'node:path';
import { PORTS, PROCESSES, SECRET_SETTINGS, SUBGRAPHS, infraPath, loadYamlDocument, processesReading } from './support';

interface Healthcheck {
  test: string[] | string;
}
interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[] | string;
  environment?: Record<string, unknown>;
  env_file?: string[] | string;
  ports?: string[];
  healthcheck?: Healthcheck;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  read_only?: boolean;
}
interface Compose {
  services: Record<string, Service>;
}

const compose = loadYamlDocument<Compose>(infraPath('compose.yaml'));
const services = compose.services;
const list = (value: string[] | string | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

describe('compose.yaml', () => {
  it('runs MariaDB 10.11, Redis 7 and the six processes, nothing else', () => {
    expect(Object.keys(services).sort()).toEqual(['mariadb', 'redis', ...PROCESSES].sort());
    expect(services.mariadb?.image).toBe('mariadb:10.11');
    expect(services.redis?.image).toBe('redis:7');
  });

  it('gives every service a healthcheck', () => {
    const without = Object.entries(services)
      .filter(([, service]) => !/^CMD/.test(list(service.healthcheck?.test)[0] ?? '') || list(service.healthcheck?.test).length < 2)
      .map(([name]) => name);
    expect(without).toEqual([]);
  });

  it('starts MariaDB with utf8mb4 and utf8mb4_bin as the server defaults', () => {
    const command = list(services.mariadb?.command);
    expect(command).toContain('--character-set-server=utf8mb4');
    expect(command).toContain('--collation-server=utf8mb4_bin');
  });

  it('starts Redis with AOF persistence and noeviction', () => {
    const command = list(services.redis?.command).join(' ');
    expect(command).toMatch(/--appendonly yes\b/);
    expect(command).toMatch(/--maxmemory-policy noeviction\b/);
  });

  it('mounts files that exist', () => {
    for (const service of Object.values(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] as string;
        if (source.startsWith('.')) expect(existsSync(infraPath(source))).toBe(true);
      }
    }
  });

  describe.each(PROCESSES)('%s', (name) => {
    const service = services[name] as Service;
    const environment = service.environment ?? {};
    const port = PORTS[name];

    it('is built from infra/Dockerfile and runs its own app', () => {
      expect(service.build).toEqual({ context: '..', dockerfile: 'infra/Dockerfile' });
      expect(existsSync(path.resolve(infraPath(service.build?.context ?? ''), service.build?.dockerfile ?? ''))).toBe(true);
      expect(service.command).toEqual(['node', `apps/${name}/dist/main.js`]);
    });

    it('checks readiness on its own port', () => {
      expect(list(service.healthcheck?.test).join(' ')).toContain(`http://127.0.0.1:${port}/health/ready`);
    });

    it('sets APOLLO_TELEMETRY_DISABLED=true, as a string', () => {
      expect(environment.APOLLO_TELEMETRY_DISABLED).toBe('true');
    });

    it('knows every port and every subgraph URL by its default', () => {
      for (const other of PROCESSES) expect(environment[`AZUKARI_${other.toUpperCase()}_PORT`]).toBe(String(PORTS[other]));
      for (const subgraph of SUBGRAPHS) {
        expect(environment[`AZUKARI_${subgraph.toUpperCase()}_URL`]).toBe(`http://${subgraph}:${PORTS[subgraph]}`);
      }
      expect(environment.AZUKARI_REDIS_URL).toBe('redis://redis:6379');
      expect(environment.AZUKARI_QUEUE_PREFIX).toBe('{azukari}');
    });

    it('migrates on start exactly when it is a subgraph', () => {
      expect(environment.AZUKARI_MIGRATE_ON_START).toBe(SUBGRAPHS.includes(name) ? 'true' : undefined);
    });

    it('reads its secrets from its own env file, never from a literal', () => {
      expect(list(service.env_file)).toEqual([`secrets/${name}.env`]);
      for (const setting of SECRET_SETTINGS) expect(environment).not.toHaveProperty(setting);
    });

    it('passes only strings in its environment', () => {
      for (const value of Object.values(environment)) expect(typeof value).toBe('string');
    });

    it('is published to the host only when it is the gateway', () => {
      expect(service.ports ?? []).toEqual(name === 'gateway' ? [`${port}:${port}`] : []);
    });

    it('runs on a read-only root filesystem', () => {
      expect(service.read_only).toBe(true);
    });
  });

  it('publishes neither MariaDB nor Redis', () => {
    expect(services.mariadb?.ports).toBeUndefined();
    expect(services.redis?.ports).toBeUndefined();
  });

  it('reads the MariaDB root password from an env file', () => {
    expect(list(services.mariadb?.env_file)).toEqual(['secrets/mariadb.env']);
    expect(services.mariadb?.environment ?? {}).not.toHaveProperty('MARIADB_ROOT_PASSWORD');
  });

  it("starts no process that reads AZUKARI_REDIS_URL (its app's config says which: all six, personnel included) before Redis is healthy", () => {
    const readsRedis = processesReading('AZUKARI_REDIS_URL');
    expect(readsRedis).toEqual(expect.arrayContaining(['personnel']));
    for (const name of readsRedis) {
      expect(services[name]?.depends_on).toMatchObject({ redis: { condition: 'service_healthy' } });
      expect(services[name]?.environment?.AZUKARI_REDIS_URL).toBe('redis://redis:6379');
    }
  });

  it('starts no subgraph before its database and Redis are healthy', () => {
    for (const name of SUBGRAPHS) {
      expect(services[name]?.depends_on).toMatchObject({
        mariadb: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
  });
});
