/**
 * What the infra tests share: the expected processes and ports, and strict readers for YAML and
 * env files. The ports are the defaults of @azukari/common's config (DEFAULT_PORTS): a deployment
 * file that disagrees with them is a bug in one or the other.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const INFRA = path.resolve(__dirname, '..');

export const PORTS = {
  gateway: 4000,
  contracts: 4001,
  custody: 4002,
  personnel: 4003,
  incidents: 4004,
  worker: 4005,
} as const;
export type ProcessName = keyof typeof PORTS;
export const PROCESSES = Object.keys(PORTS) as ProcessName[];
export const SUBGRAPHS: ProcessName[] = ['contracts', 'custody', 'personnel', 'incidents'];

/** Settings that must never be written into a manifest or compose file. */
export const SECRET_SETTINGS = [
  'AZUKARI_SIGNING_KEY',
  'AZUKARI_TRUSTED_KEYS',
  'AZUKARI_MYSQL_URL',
  'AZUKARI_TOKEN_HMAC_KEY',
  'AZUKARI_SECRETS_KEY',
  'AZUKARI_REPORT_LINK_KEY',
  'AZUKARI_ADMIN_TOKEN',
  'MARIADB_ROOT_PASSWORD',
];

export const infraPath = (...segments: string[]): string => path.join(INFRA, ...segments);

/** The repository the deployment files serve: the apps whose settings they must provide. */
export const ROOT = path.resolve(INFRA, '..');

const SERVICE_URLS = SUBGRAPHS.map((name) => `AZUKARI_${name.toUpperCase()}_URL`);
/**
 * Settings an app's config reads without naming them: those of the shared loaders and setting
 * groups of @azukari/common's config.ts (a subgraph that publishes events and calls other
 * services reads Redis, the queue prefix, its signing key and every service URL).
 */
export const IMPLIED_SETTINGS: Record<string, string[]> = {
  loadConnectedSubgraphConfig: ['AZUKARI_REDIS_URL', 'AZUKARI_QUEUE_PREFIX', 'AZUKARI_SIGNING_KEY', ...SERVICE_URLS],
  serviceUrlSettings: SERVICE_URLS,
};

/** Whether a process reads a setting, as its own `src/config.ts` says, so that the files follow the code. */
export const readsSetting = (name: ProcessName, setting: string): boolean => {
  const source = readFileSync(path.join(ROOT, 'apps', name, 'src', 'config.ts'), 'utf8');
  return (
    new RegExp(`\\b${setting}\\b`).test(source) ||
    Object.entries(IMPLIED_SETTINGS).some(([group, settings]) => settings.includes(setting) && new RegExp(`\\b${group}\\b`).test(source))
  );
};

export const processesReading = (setting: string): ProcessName[] => PROCESSES.filter((name) => readsSetting(name, setting));

/** Every YAML file under infra/, except dependencies and generated secrets. */
export const yamlFiles = (dir = INFRA): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'secrets'].includes(entry.name) ? [] : yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });

/**
 * The documents of a YAML file as plain values. Any error or warning fails, duplicate keys
 * included; `<<` merge keys are resolved as docker compose resolves them.
 */
export const loadYaml = (file: string): unknown[] => {
  const documents = parseAllDocuments(readFileSync(file, 'utf8'), { merge: true, prettyErrors: true });
  if (!Array.isArray(documents)) throw new Error(`${file}: no YAML documents`);
  const problems = documents.flatMap((document) => [...document.errors, ...document.warnings]);
  if (problems.length > 0) {
    throw new Error(`${path.relative(INFRA, file)}:\n${problems.map((problem) => problem.message).join('\n')}`);
  }
  return documents.map((document) => document.toJS({ maxAliasCount: 100 }) as unknown);
};

/** The only document of a YAML file. */
export const loadYamlDocument = <T>(file: string): T => {
  const documents = loadYaml(file);
  if (documents.length !== 1) throw new Error(`${file}: expected one document, found ${documents.length}`);
  return documents[0] as T;
};

/** KEY=value lines, as compose and `kubectl create secret --from-env-file` read them. */
export const readEnvFile = (file: string): Record<string, string> =>
  Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => {
        const at = line.indexOf('=');
        if (at <= 0) throw new Error(`${file}: not a KEY=value line: ${line.slice(0, 40)}`);
        return [line.slice(0, at), line.slice(at + 1)];
      }),
  );

/** Key = value lines of redis.conf and my.cnf style files, by section ('' before any section). */
export const readConfigLines = (file: string, separator: RegExp): Map<string, Map<string, string>> => {
  const sections = new Map<string, Map<string, string>>([['', new Map()]]);
  let current = sections.get('') as Map<string, string>;
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1] as string, current);
      continue;
    }
    const [key, ...rest] = line.split(separator);
    current.set(key as string, rest.join(' ').trim());
  }
  return sections;
};
