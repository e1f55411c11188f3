/**
 * Boots custody alone on port 0 against its own test database and queue prefix, with real HTTP
 * stand-ins for the contracts and personnel routes it calls.
 */
import { createLogger, TestClock, type Principal, type SubgraphName } from '@azukari/common';
import { QueryCounter } from '@azukari/db';
import { gatewayCredential, graphql, testKeys, testResources, type GraphQLResponse } from '@azukari/testing';
import { createApp, type CustodyApp, type CustodyConfig } from '../src/app';
import { contractsStandIn, personnelStandIn, type ContractFact, type EmployeeState, type StandIn } from './stand-ins';

export interface BootedCustody {
  app: CustodyApp;
  url: string;
  clock: TestClock;
  queries: QueryCounter;
  /** What the contracts stand-in knows; tests add contracts here. */
  contracts: Map<string, ContractFact>;
  /** What the personnel stand-in knows; tests add employees here. */
  employees: Map<string, EmployeeState>;
  contractsRoute: StandIn;
  personnelRoute: StandIn;
  call: (query: string, variables: Record<string, unknown>, as: Principal) => Promise<GraphQLResponse<Record<string, unknown>>>;
  /** Rows in data_asset, read past every scope. */
  assetCount(): Promise<number>;
  close(): Promise<void>;
}

export const bootCustody = async (overrides: Partial<CustodyConfig> = {}): Promise<BootedCustody> => {
  const resources = testResources();
  await resources.create(['custody']);
  const keys = await testKeys();
  const contracts = new Map<string, ContractFact>();
  const employees = new Map<string, EmployeeState>();
  const [contractsRoute, personnelRoute] = await Promise.all([contractsStandIn(contracts), personnelStandIn(employees)]);
  const serviceUrls = {
    ...Object.fromEntries((['contracts', 'custody', 'personnel', 'incidents'] as SubgraphName[]).map((s) => [s, 'http://127.0.0.1:9'])),
    contracts: contractsRoute.url,
    personnel: personnelRoute.url,
  } as Record<SubgraphName, string>;
  const clock = new TestClock(new Date('2026-04-10T03:00:00.000Z'));
  const queries = new QueryCounter();
  const app = await createApp({
    port: 0,
    host: '127.0.0.1',
    mysqlUrl: resources.databaseUrl('custody'),
    migrate: true,
    redisUrl: resources.redisUrl,
    queuePrefix: resources.queuePrefix,
    signingKey: keys.privateKey('custody'),
    trustedKeys: keys.trusted,
    serviceUrls,
    clock,
    queryLogger: queries,
    log: createLogger('custody', 'silent'),
    ...overrides,
  });
  const url = `${app.url}/graphql`;
  return {
    app,
    url,
    clock,
    queries,
    contracts,
    employees,
    contractsRoute,
    personnelRoute,
    call: async (query, variables, as) =>
      await graphql<Record<string, unknown>>(url, query, variables, await gatewayCredential('custody', as)),
    assetCount: async () => Number((await app.deps.dataSource.query('SELECT COUNT(*) AS n FROM data_asset'))[0].n),
    close: async () => {
      await app.close();
      await Promise.all([contractsRoute.close(), personnelRoute.close()]);
      await resources.cleanup();
    },
  };
};
