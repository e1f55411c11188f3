import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  IMPLIED_SETTINGS,
  PORTS,
  PROCESSES,
  ROOT,
  SECRET_SETTINGS,
  SUBGRAPHS,
  infraPath,
  loadYaml,
  loadYamlDocument,
  processesReading,
  readsSetting,
  type ProcessName,
} from './support';

interface Metadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface Resource {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
  [field: string]: unknown;
}
interface Probe {
  httpGet?: { path: string; port: number | string };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    runAsNonRoot?: boolean;
    capabilities?: { drop?: string[] };
  };
}
interface Deployment extends Resource {
  spec: {
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
        automountServiceAccountToken?: boolean;
        containers: Container[];
      };
    };
  };
}
interface Service extends Resource {
  spec: { selector: Record<string, string>; ports: { port: number; targetPort: number | string }[] };
}
interface NetworkPolicyPeer {
  podSelector?: unknown;
  namespaceSelector?: unknown;
  ipBlock?: unknown;
}
interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
interface NetworkPolicy extends Resource {
  spec: {
    podSelector: LabelSelector;
    policyTypes: string[];
    ingress?: { from?: NetworkPolicyPeer[]; ports?: { port: number | string }[] }[];
    egress?: { to?: NetworkPolicyPeer[]; ports?: { port: number | string; protocol?: string }[] }[];
  };
}
interface Kustomization {
  namespace: string;
  resources: string[];
  images?: { name: string }[];
}

const K8S = infraPath('k8s');
const kustomization = loadYamlDocument<Kustomization>(infraPath('k8s', 'kustomization.yaml'));
const manifestFiles = readdirSync(K8S).filter((file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml');
const resources = manifestFiles.flatMap((file) => loadYaml(infraPath('k8s', file)) as Resource[]);
const ofKind = <T extends Resource>(kind: string): T[] => resources.filter((resource) => resource.kind === kind) as T[];
const named = <T extends Resource>(kind: string, name: string): T | undefined =>
  ofKind<T>(kind).find((resource) => resource.metadata.name === name);

const deployments = ofKind<Deployment>('Deployment');
const secretTemplates = loadYaml(infraPath('k8s', 'secret.template.yaml')) as (Resource & {
  stringData?: Record<string, string>;
  data?: unknown;
})[];
const configMap = named<Resource & { data: Record<string, unknown> }>('ConfigMap', 'azukari-config');
const containerOf = (name: string): Container => {
  const container = named<Deployment>('Deployment', name)?.spec.template.spec.containers[0];
  if (!container) throw new Error(`no Deployment ${name}`);
  return container;
};

describe('kustomization.yaml', () => {
  it('lists every manifest in the folder, and only those', () => {
    expect([...kustomization.resources].sort()).toEqual([...manifestFiles].sort());
    for (const file of kustomization.resources) expect(existsSync(infraPath('k8s', file))).toBe(true);
  });

  it('puts everything into the azukari namespace', () => {
    expect(kustomization.namespace).toBe('azukari');
    const elsewhere = resources
      .filter((resource) => resource.kind !== 'Namespace' && resource.metadata.namespace !== 'azukari')
      .map((resource) => `${resource.kind}/${resource.metadata.name}`);
    expect(elsewhere).toEqual([]);
    expect(named('Namespace', 'azukari')).toBeDefined();
  });

  it('names the image every Deployment uses, so that a release can set it', () => {
    const images = new Set(deployments.flatMap((deployment) => deployment.spec.template.spec.containers.map((c) => c.image)));
    expect([...images]).toEqual(['azukari']);
    expect(kustomization.images?.map((image) => image.name)).toEqual(['azukari']);
  });
});

describe('Deployments and Services', () => {
  it('has exactly one Deployment and one Service per process', () => {
    expect(deployments.map((deployment) => deployment.metadata.name).sort()).toEqual([...PROCESSES].sort());
    expect(
      ofKind('Service')
        .map((service) => service.metadata.name)
        .sort(),
    ).toEqual([...PROCESSES].sort());
  });

  describe.each(PROCESSES)('%s', (name) => {
    const deployment = named<Deployment>('Deployment', name) as Deployment;
    const service = named<Service>('Service', name) as Service;
    const container = containerOf(name);
    const port = PORTS[name];

    it('runs its own app', () => {
      expect(container.command).toEqual(['node', `apps/${name}/dist/main.js`]);
    });

    it('listens on its default port, and its Service reaches the pods there', () => {
      expect(container.ports).toEqual([expect.objectContaining({ name: 'http', containerPort: port })]);
      expect(service.spec.ports).toEqual([expect.objectContaining({ port, targetPort: 'http' })]);
      expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
      expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
    });

    it('probes readiness on /health/ready and liveness on /health/live', () => {
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
    });

    it('requests CPU and memory and limits memory', () => {
      expect(container.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources?.limits?.memory).toEqual(expect.any(String));
    });

    it('runs as a non-root user on a read-only root filesystem, without privileges', () => {
      const pod = deployment.spec.template.spec;
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
    });

    it('reads the shared ConfigMap and its own Secret', () => {
      expect(container.envFrom).toEqual([{ configMapRef: { name: 'azukari-config' } }, { secretRef: { name: `azukari-${name}` } }]);
    });

    it('migrates on start exactly when it is a subgraph', () => {
      const migrate = container.env?.find((variable) => variable.name === 'AZUKARI_MIGRATE_ON_START');
      expect(migrate?.value).toBe(SUBGRAPHS.includes(name) ? 'true' : undefined);
    });

    it('holds no secret value in its manifest', () => {
      for (const variable of container.env ?? []) expect(SECRET_SETTINGS).not.toContain(variable.name);
    });
  });
});

describe('the ConfigMap', () => {
  const data = configMap?.data ?? {};

  it('turns Apollo telemetry off', () => {
    expect(data.APOLLO_TELEMETRY_DISABLED).toBe('true');
  });

  it('holds every port and subgraph URL at its default, as strings', () => {
    for (const name of PROCESSES) expect(data[`AZUKARI_${name.toUpperCase()}_PORT`]).toBe(String(PORTS[name]));
    for (const name of SUBGRAPHS) expect(data[`AZUKARI_${name.toUpperCase()}_URL`]).toBe(`http://${name}:${PORTS[name]}`);
    expect(data.AZUKARI_QUEUE_PREFIX).toBe('{azukari}');
    for (const value of Object.values(data)) expect(typeof value).toBe('string');
  });

  it('holds no secret', () => {
    for (const setting of SECRET_SETTINGS) expect(data).not.toHaveProperty(setting);
    for (const value of Object.values(data)) expect(String(value)).not.toMatch(/:\/\/[^/@\s]+:[^/@\s]+@/);
  });
});

describe('the Secret template', () => {
  const values = secretTemplates.flatMap((secret) => Object.values(secret.stringData ?? {}));

  it('defines every Secret a Deployment reads', () => {
    const referenced = deployments.flatMap((deployment) =>
      deployment.spec.template.spec.containers.flatMap((c) => (c.envFrom ?? []).flatMap((source) => source.secretRef?.name ?? [])),
    );
    expect(secretTemplates.map((secret) => secret.metadata.name).sort()).toEqual([...new Set(referenced)].sort());
  });

  it('gives each process its own signing key and only the contracts keys to contracts', () => {
    for (const secret of secretTemplates) {
      const name = secret.metadata.name.replace(/^azukari-/, '');
      const keys = Object.keys(secret.stringData ?? {});
      expect(keys).toEqual(expect.arrayContaining(['AZUKARI_SIGNING_KEY', 'AZUKARI_TRUSTED_KEYS']));
      // Every process that signs calls (its config reads AZUKARI_SIGNING_KEY) has one: personnel too.
      expect(readsSetting(name as ProcessName, 'AZUKARI_SIGNING_KEY')).toBe(true);
      expect(secret.stringData?.AZUKARI_SIGNING_KEY).toContain(`kid ${name}/`);
      expect(keys.includes('AZUKARI_MYSQL_URL')).toBe(SUBGRAPHS.includes(name as never));
      expect(keys.includes('AZUKARI_TOKEN_HMAC_KEY')).toBe(name === 'contracts');
      expect(keys.includes('AZUKARI_SECRETS_KEY')).toBe(name === 'contracts');
      expect(keys.includes('AZUKARI_REPORT_LINK_KEY')).toBe(name === 'contracts');
    }
  });

  it('is never applied, so that it cannot overwrite a real Secret', () => {
    for (const secret of secretTemplates) {
      expect(secret.kind).toBe('Secret');
      expect(secret.metadata.annotations?.['config.kubernetes.io/local-config']).toBe('true');
    }
  });

  it('holds placeholders only, none that looks like a real secret', () => {
    expect(values.length).toBeGreaterThan(0);
    for (const secret of secretTemplates) expect(secret.data).toBeUndefined();
    for (const value of values) {
      expect(value).toMatch(/^REPLACE_ME /);
      expect(value).not.toMatch(/[A-Za-z0-9+/_=-]{24,}/); // a key, a password, base64 or hex
      expect(value).not.toMatch(/"d"\s*:/); // a private JWK
      expect(value).not.toMatch(/azk_[0-9A-Za-z]{10,}/); // an API token
      expect(value).not.toMatch(/:\/\/[^/@\s]+:[^/@\s]+@/); // a URL with a password
    }
  });
});

describe('the NetworkPolicies', () => {
  const policies = ofKind<NetworkPolicy>('NetworkPolicy');
  const selectsAll = (policy: NetworkPolicy) => Object.keys(policy.spec.podSelector.matchLabels ?? {}).length === 0;
  const gatewayLabels = { 'app.kubernetes.io/name': 'gateway' };

  it('deny all ingress that no policy allows', () => {
    expect(policies.some((policy) => selectsAll(policy) && policy.spec.policyTypes.includes('Ingress') && !policy.spec.ingress)).toBe(true);
  });

  it('let every pod of the namespace reach the others, /internal routes included', () => {
    const sameNamespace = policies.filter(
      (policy) =>
        selectsAll(policy) &&
        (policy.spec.ingress ?? []).some((rule) =>
          (rule.from ?? []).some((peer) => peer.podSelector !== undefined && !peer.namespaceSelector),
        ),
    );
    expect(sameNamespace).not.toHaveLength(0);
  });

  it('open only the gateway, on its port, to anything outside the namespace', () => {
    const opening = policies.filter((policy) =>
      (policy.spec.ingress ?? []).some(
        (rule) => rule.from === undefined || rule.from.some((peer) => peer.namespaceSelector !== undefined || peer.ipBlock !== undefined),
      ),
    );
    expect(opening).not.toHaveLength(0);
    for (const policy of opening) {
      expect(policy.spec.podSelector.matchLabels).toEqual(gatewayLabels);
      for (const rule of policy.spec.ingress ?? []) expect(rule.ports).toEqual([expect.objectContaining({ port: PORTS.gateway })]);
    }
    expect(named<Deployment>('Deployment', 'gateway')?.spec.template.metadata.labels).toMatchObject(gatewayLabels);
  });
});

describe('the NetworkPolicies, egress', () => {
  const policies = ofKind<NetworkPolicy>('NetworkPolicy').filter((policy) => policy.spec.policyTypes.includes('Egress'));
  const labelsOf = (name: ProcessName) => named<Deployment>('Deployment', name)?.spec.template.metadata.labels ?? {};
  /** Does a selector pick these labels? matchLabels and the `In` expressions the files use. */
  const selects = (selector: LabelSelector, labels: Record<string, string>): boolean =>
    Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value) &&
    (selector.matchExpressions ?? []).every((expression) => {
      if (expression.operator !== 'In') throw new Error(`unexpected selector operator ${expression.operator}`);
      return (expression.values ?? []).includes(labels[expression.key] ?? '');
    });
  const rulesOf = (name: ProcessName) =>
    policies.filter((policy) => selects(policy.spec.podSelector, labelsOf(name))).flatMap((policy) => policy.spec.egress ?? []);
  /** May this process open a connection to `port` outside the namespace (Redis, MySQL, a webhook)? */
  const reachesOutside = (name: ProcessName, port: number, protocol = 'TCP'): boolean =>
    rulesOf(name).some(
      (rule) =>
        (rule.to === undefined || rule.to.some((peer) => peer.ipBlock !== undefined || peer.namespaceSelector !== undefined)) &&
        (rule.ports === undefined || rule.ports.some((p) => Number(p.port) === port && (p.protocol ?? 'TCP') === protocol)),
    );
  const reachesNamespace = (name: ProcessName): boolean =>
    rulesOf(name).some(
      (rule) => rule.ports === undefined && (rule.to ?? []).some((peer) => peer.podSelector !== undefined && !peer.namespaceSelector),
    );
  const redisPort = Number(new URL(String(configMap?.data.AZUKARI_REDIS_URL)).port || 6379);
  const readsRedis = processesReading('AZUKARI_REDIS_URL');

  it('deny all egress that no policy allows', () => {
    expect(policies.some((policy) => Object.keys(policy.spec.podSelector).length === 0 && !policy.spec.egress)).toBe(true);
  });

  it("know which processes read Redis from the apps' own config (personnel included, since it consumes custody's events)", () => {
    const common = readFileSync(path.join(ROOT, 'packages', 'common', 'src', 'config.ts'), 'utf8');
    for (const group of Object.keys(IMPLIED_SETTINGS)) expect(common).toMatch(new RegExp(`export const ${group}\\b`));
    expect(readsRedis).toEqual(expect.arrayContaining(['personnel']));
  });

  describe.each(PROCESSES)('%s', (name) => {
    it('reaches the cluster DNS and every pod of the namespace (the /internal routes)', () => {
      expect(reachesOutside(name, 53, 'UDP')).toBe(true);
      expect(reachesOutside(name, 53, 'TCP')).toBe(true);
      expect(reachesNamespace(name)).toBe(true);
    });

    it("reaches Redis on the ConfigMap's port when it reads AZUKARI_REDIS_URL", () => {
      if (readsRedis.includes(name)) expect(reachesOutside(name, redisPort)).toBe(true);
    });

    it('reaches MySQL exactly when it is a subgraph (the worker excepted: webhooks may be anywhere)', () => {
      expect(reachesOutside(name, 3306)).toBe(SUBGRAPHS.includes(name) || name === 'worker');
    });

    it("reaches outside the namespace on another port only when it is the worker, which delivers to partners' webhooks", () => {
      expect(reachesOutside(name, 443)).toBe(name === 'worker');
    });
  });
});
