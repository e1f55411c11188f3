/** Boots contracts alone on port 0 against its own test database and queue prefix. */
import { randomBytes } from 'node:crypto';
import { createLogger, type Principal, type SubgraphName } from '@azukari/common';
import { gatewayCredential, graphql, testKeys, testResources, type GraphQLResponse, type TestResources } from '@azukari/testing';
import { createApp, type ContractsApp, type ContractsConfig } from '../src/app';

export interface BootedContracts {
  app: ContractsApp;
  url: string;
  call: (query: string, variables: Record<string, unknown>, as: Principal) => Promise<GraphQLResponse<Record<string, any>>>;
  close(): Promise<void>;
}

/** A contracts configuration on port 0 over `resources`, with no other service reachable. */
export const contractsTestConfig = async (resources: TestResources): Promise<ContractsConfig> => {
  const keys = await testKeys();
  const unreachable = Object.fromEntries(
    (['contracts', 'custody', 'personnel', 'incidents'] as SubgraphName[]).map((s) => [s, 'http://127.0.0.1:9']),
  ) as Record<SubgraphName, string>;
  return {
    port: 0,
    host: '127.0.0.1',
    mysqlUrl: resources.databaseUrl('contracts'),
    migrate: true,
    redisUrl: resources.redisUrl,
    queuePrefix: resources.queuePrefix,
    signingKey: keys.privateKey('contracts'),
    trustedKeys: keys.trusted,
    serviceUrls: unreachable,
    tokenHmacKey: randomBytes(32).toString('hex'),
    secretsKey: randomBytes(32),
    reportLinkKey: randomBytes(32),
    adminToken: null,
    defaultTokenDays: 90,
    log: createLogger('contracts', 'silent'),
  };
};

export const bootContracts = async (overrides: Partial<ContractsConfig> = {}): Promise<BootedContracts> => {
  const resources = testResources();
  await resources.create(['contracts']);
  const app = await createApp({ ...(await contractsTestConfig(resources)), ...overrides });
  const url = `${app.url}/graphql`;
  return {
    app,
    url,
    call: async (query, variables, as) => await graphql(url, query, variables, await gatewayCredential('contracts', as)),
    close: async () => {
      await app.close();
      await resources.cleanup();
    },
  };
};
