/** Boots incidents alone on port 0 against its own test database and queue prefix, with a contracts stand-in. */
import { createLogger, TestClock, type Principal, type SubgraphName } from '@azukari/common';
import { QueryCounter } from '@azukari/db';
import { gatewayCredential, graphql, testKeys, testResources, type GraphQLResponse, type TestResources } from '@azukari/testing';
import { createApp, type IncidentsApp, type IncidentsConfig } from '../src/app';
import { ContractsStandIn } from './contracts-stand-in';

export interface BootedIncidents {
  app: IncidentsApp;
  url: string;
  resources: TestResources;
  contracts: ContractsStandIn;
  clock: TestClock;
  /** Every SQL statement the app sends (transaction control aside). */
  queries: QueryCounter;
  /** The answer typed as graphql() types it by default (its data read field by field). */

  call: (query: string, variables: Record<string, unknown>, as: Principal) => Promise<GraphQLResponse<Record<string, any>>>;
  close(): Promise<void>;
}

export const bootIncidents = async (overrides: Partial<IncidentsConfig> = {}): Promise<BootedIncidents> => {
  const resources = testResources();
  await resources.create(['incidents']);
  const keys = await testKeys();
  const contracts = await ContractsStandIn.start();
  const clock = new TestClock(new Date('2026-04-01T00:00:00.000Z'));
  const queries = new QueryCounter();
  const serviceUrls = Object.fromEntries(
    (['contracts', 'custody', 'personnel', 'incidents'] as SubgraphName[]).map((s) => [
      s,
      s === 'contracts' ? contracts.url : 'http://127.0.0.1:9',
    ]),
  ) as Record<SubgraphName, string>;
  const app = await createApp({
    port: 0,
    host: '127.0.0.1',
    mysqlUrl: resources.databaseUrl('incidents'),
    migrate: true,
    redisUrl: resources.redisUrl,
    queuePrefix: resources.queuePrefix,
    signingKey: keys.privateKey('incidents'),
    trustedKeys: keys.trusted,
    serviceUrls,
    clock,
    queryLogger: queries,
    log: createLogger('incidents', 'silent'),
    ...overrides,
  });
  const url = `${app.url}/graphql`;
  return {
    app,
    url,
    resources,
    contracts,
    clock,
    queries,
    call: async (query, variables, as) => await graphql(url, query, variables, await gatewayCredential('incidents', as)),
    close: async () => {
      await app.close();
      await contracts.close();
      await resources.cleanup();
    },
  };
};
