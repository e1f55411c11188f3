/**
 * The whole stack in one process: four subgraphs, the worker and the gateway, each started with
 * its own createApp on port 0, against databases and a queue prefix of this test file's own.
 * Service URLs are filled in as services come up (the record is shared, read at call time).
 * A subgraph can be stopped, as in an outage, and started again on the same port, where the
 * gateway (which took its URL at start) finds it again.
 */
import { randomBytes } from 'node:crypto';
import { createLogger, DEV_ADMIN_TOKEN, type SubgraphName } from '@azukari/common';
import { QueryCounter } from '@azukari/db';
import {
  graphql,
  startSmtpReceiver,
  testKeys,
  testResources,
  type GraphQLResponse,
  type SmtpReceiver,
  type TestResources,
} from '@azukari/testing';
import { createApp as createContracts, type ContractsApp, type ReportAnswerHandler } from '@azukari/contracts';
import { createApp as createCustody } from '@azukari/custody';
import { createApp as createPersonnel } from '@azukari/personnel';
import { createApp as createIncidents } from '@azukari/incidents';
import { createApp as createWorker } from '@azukari/worker';
import { createApp as createGateway, type GatewayApp } from '@azukari/gateway';

export const SUBGRAPHS: SubgraphName[] = ['contracts', 'custody', 'personnel', 'incidents'];

export interface StackOptions {
  /** A fault test's own Redis; the shared one otherwise. */
  redisUrl?: string;
  /** A service's server of its own (an OwnMariaDbServer's url); its database is created there. */
  mysqlUrls?: Partial<Record<SubgraphName, string>>;
  /** Multiplies every job retry wait in every subgraph and the worker; a fault test sets it small. */
  backoffScale?: number;
  /** How long the worker waits for a webhook endpoint's answer; 2 s unless a test holds it longer. */
  deliveryTimeoutMs?: number;
  adminToken?: string | null;
  /** false: no worker in this process; a test starts its own (startWorkerProcess) to kill it. */
  worker?: boolean;
  tokenCacheMs?: number;
  requestsPerMinute?: number;
  /** The report kinds that ask for an answer, with their handlers, in place of contracts' REPORT_ANSWERS. */
  reportAnswers?: readonly ReportAnswerHandler[];
}

export interface Stack {
  graphqlUrl: string;
  gateway: GatewayApp;
  /** The in-process worker's URL; empty when the stack was started without one. */
  workerUrl: string;
  /** The SMTP server the worker sends report emails to: every message it received. */
  mail: SmtpReceiver;
  contracts: ContractsApp;
  serviceUrls: Record<SubgraphName, string>;
  adminToken: string;
  queries: Record<SubgraphName, QueryCounter>;
  resources: TestResources;
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Another gateway over the same subgraphs and Redis (a second replica; one with its own token cache); the caller closes it. */
  startGateway(options: { name: string; tokenCacheMs: number }): Promise<GatewayApp>;
  /** Stops one subgraph; its port refuses connections until `start`. */
  stop(service: SubgraphName): Promise<void>;
  /** Starts a stopped subgraph again on its port, with its databases as they were. */
  start(service: SubgraphName): Promise<void>;
  close(): Promise<void>;
}

interface Running {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const startStack = async (options: StackOptions = {}): Promise<Stack> => {
  const resources = testResources(options.redisUrl, options.mysqlUrls);
  await resources.create(SUBGRAPHS);
  const keys = await testKeys();
  const adminToken = options.adminToken === undefined ? DEV_ADMIN_TOKEN : options.adminToken;
  const serviceUrls = Object.fromEntries(SUBGRAPHS.map((s) => [s, 'http://127.0.0.1:9'])) as Record<SubgraphName, string>;
  const queries = Object.fromEntries(SUBGRAPHS.map((s) => [s, new QueryCounter()])) as Record<SubgraphName, QueryCounter>;
  const common = (service: SubgraphName, port: number) => ({
    port,
    host: '127.0.0.1',
    mysqlUrl: resources.databaseUrl(service),
    migrate: true,
    redisUrl: resources.redisUrl,
    queuePrefix: resources.queuePrefix,
    backoffScale: options.backoffScale,
    signingKey: keys.privateKey(service),
    trustedKeys: keys.trusted,
    serviceUrls,
    log: createLogger(service, process.env.AZUKARI_TEST_LOG_LEVEL ?? 'silent'),
    queryLogger: queries[service],
  });
  const contractsSecrets = {
    tokenHmacKey: randomBytes(32).toString('hex'),
    secretsKey: randomBytes(32),
    reportLinkKey: randomBytes(32),
    adminToken,
    defaultTokenDays: 90,
  };
  let contracts: ContractsApp | undefined;
  const boot: Record<SubgraphName, (port: number) => Promise<Running>> = {
    personnel: async (port) => await createPersonnel(common('personnel', port)),
    contracts: async (port) =>
      (contracts = await createContracts({ ...common('contracts', port), ...contractsSecrets, reportAnswers: options.reportAnswers })),
    custody: async (port) => await createCustody(common('custody', port)),
    incidents: async (port) => await createIncidents(common('incidents', port)),
  };
  const running = new Map<SubgraphName, Running>();
  const ports = new Map<SubgraphName, number>();
  const start = async (service: SubgraphName): Promise<void> => {
    if (running.has(service)) return;
    const app = await boot[service](ports.get(service) ?? 0);
    running.set(service, app);
    ports.set(service, app.port);
    serviceUrls[service] = app.url;
  };
  const stop = async (service: SubgraphName): Promise<void> => {
    const app = running.get(service);
    running.delete(service);
    await app?.close();
  };

  for (const service of ['personnel', 'contracts', 'custody', 'incidents'] as const) await start(service);
  const mail = await startSmtpReceiver();
  const noWorker = { url: '', close: async () => undefined };
  const worker =
    options.worker === false
      ? noWorker
      : await createWorker({
          port: 0,
          host: '127.0.0.1',
          redisUrl: resources.redisUrl,
          queuePrefix: resources.queuePrefix,
          backoffScale: options.backoffScale,
          signingKey: keys.privateKey('worker'),
          serviceUrls,
          deliveryTimeoutMs: options.deliveryTimeoutMs ?? 2_000,
          deliveryConcurrency: 32,
          perEndpointConcurrency: 4,
          // The loopback's ephemeral ports, where a test's receivers listen; never MariaDB's or Redis' port.
          webhookAllowList: [{ address: '127.0.0.1', fromPort: 32768, toPort: 65535 }],
          mail: {
            smtpUrl: mail.url,
            from: 'Azukari <reports@azukari.test>',
            publicUrl: 'https://api.azukari.test',
            timeoutMs: 2_000,
            maxConnections: 4,
          },
          log: createLogger('worker', process.env.AZUKARI_TEST_LOG_LEVEL ?? 'silent'),
        });
  const startGateway = async ({ name, tokenCacheMs }: { name: string; tokenCacheMs: number }): Promise<GatewayApp> =>
    await createGateway({
      port: 0,
      host: '127.0.0.1',
      supergraphPath: require.resolve('@azukari/gateway/supergraph.graphql'),
      signingKey: keys.privateKey('gateway'),
      serviceUrls,
      redisUrl: resources.redisUrl,
      queuePrefix: resources.queuePrefix,
      tokenCacheMs,
      limits: {
        maxDepth: 12,
        maxCost: 20_000,
        maxAliases: 20,
        maxTokens: 5_000,
        maxDirectives: 20,
        requestsPerMinute: options.requestsPerMinute ?? 100_000,
      },
      log: createLogger(name, process.env.AZUKARI_TEST_LOG_LEVEL ?? 'silent'),
    });
  const gateway = await startGateway({ name: 'gateway', tokenCacheMs: options.tokenCacheMs ?? 30_000 });
  const graphqlUrl = `${gateway.url}/graphql`;

  return {
    graphqlUrl,
    gateway,
    workerUrl: worker.url,
    mail,
    get contracts() {
      if (!contracts) throw new Error('contracts never started');
      return contracts;
    },
    serviceUrls,
    adminToken: adminToken ?? '',
    queries,
    resources,
    request: async (query, variables = {}, token = adminToken ?? undefined) => await graphql(graphqlUrl, query, variables, token),
    startGateway,
    stop,
    start,
    close: async () => {
      await gateway.close();
      await worker.close();
      await mail.close();
      for (const service of ['incidents', 'custody', 'contracts', 'personnel'] as const) await stop(service);
      await resources.cleanup();
    },
  };
};
