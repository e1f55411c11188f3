/** Boots personnel alone on port 0 against its own test database, and calls it as the gateway or a service would. */
import { CredentialIssuer, createLogger, type Principal } from '@azukari/common';
import { gatewayCredential, graphql, testKeys, testResources, type GraphQLResponse, type Issuer } from '@azukari/testing';
import { createApp, type PersonnelApp, type PersonnelConfig } from '../src/app';

export interface InternalResponse {
  status: number;
  body: { error?: { code: string; message: string }; [key: string]: unknown };
}

export interface BootedPersonnel {
  app: PersonnelApp;
  url: string;
  /** As the gateway calls it; the data is typed loosely by default, as the shared client types it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call: <T = Record<string, any>>(query: string, variables: Record<string, unknown>, as: Principal) => Promise<GraphQLResponse<T>>;
  /** POST /internal<path>, signed by `issuer` for personnel and carrying `caller`; no credential when issuer is null. */
  internal: (issuer: Issuer | null, path: string, body: unknown, caller?: Principal | null) => Promise<InternalResponse>;
  /** The Redis and queue prefix this instance consumes from. */
  queues: { redisUrl: string; prefix: string };
  close(): Promise<void>;
}

export const bootPersonnel = async (overrides: Partial<PersonnelConfig> = {}): Promise<BootedPersonnel> => {
  const resources = testResources();
  await resources.create(['personnel']);
  const keys = await testKeys();
  const app = await createApp({
    port: 0,
    host: '127.0.0.1',
    mysqlUrl: resources.databaseUrl('personnel'),
    migrate: true,
    redisUrl: resources.redisUrl,
    queuePrefix: resources.queuePrefix,
    signingKey: keys.privateKey('personnel'),
    serviceUrls: {
      contracts: 'http://127.0.0.1:9',
      custody: 'http://127.0.0.1:9',
      personnel: 'http://127.0.0.1:9',
      incidents: 'http://127.0.0.1:9',
    },
    trustedKeys: keys.trusted,
    log: createLogger('personnel', 'silent'),
    ...overrides,
  });
  const url = `${app.url}/graphql`;
  return {
    app,
    url,
    queues: { redisUrl: resources.redisUrl, prefix: resources.queuePrefix },
    call: async <T>(query: string, variables: Record<string, unknown>, as: Principal) =>
      await graphql<T>(url, query, variables, await gatewayCredential('personnel', as)),
    internal: async (issuer, path, body, caller = null) => {
      const token = issuer ? await new CredentialIssuer(issuer, keys.privateKey(issuer)).sign('personnel', { caller }) : null;
      const response = await fetch(`${app.url}/internal${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as InternalResponse['body'] };
    },
    close: async () => {
      await app.close();
      await resources.cleanup();
    },
  };
};
