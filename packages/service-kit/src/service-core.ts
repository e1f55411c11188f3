/**
 * What a subgraph process opens at start, in one place: its database (created and migrated) with
 * the audit hook on it, the producer connection and the outbox relay, the credential issuer and
 * the client for other services' internal routes; and how it is checked and closed (relay and the
 * last batch of read entries before Redis before MySQL).
 */
import type { DataSource } from 'typeorm';
import {
  CredentialIssuer,
  ServiceClient,
  answers,
  createLogger,
  systemClock,
  type Clock,
  type ConnectedSubgraphConfig,
  type Logger,
  type SubgraphName,
} from '@azukari/common';
import {
  AuditSubscriber,
  Outbox,
  OutboxRelay,
  ReadAuditBatcher,
  assertAuditDeclared,
  joinRequestTransactions,
  openServiceDatabase,
} from '@azukari/db';
import { createProducer, requireNoEviction, type Producer, type QueueSettings } from '@azukari/jobs';

/** What every subgraph's process-lifetime dependencies hold; an app's deps extend it with its own. */
export interface ServiceCore<C extends ConnectedSubgraphConfig = ConnectedSubgraphConfig> {
  name: SubgraphName;
  config: C;
  dataSource: DataSource;
  clock: Clock;
  log: Logger;
  outbox: Outbox;
  relay: OutboxRelay;
  producer: Producer;
  queues: QueueSettings;
  issuer: CredentialIssuer;
  services: ServiceClient;
  /** Takes each finished unit of work's reads for the audit log. */
  readAudit: ReadAuditBatcher;
}

export interface OpenedCore<C extends ConnectedSubgraphConfig> {
  core: ServiceCore<C>;
  readiness(): Promise<Record<string, boolean>>;
  /** Starts the relay; call once the service accepts requests. */
  start(): void;
  close(): Promise<void>;
}

export const openServiceCore = async <C extends ConnectedSubgraphConfig>(
  name: SubgraphName,
  config: C,
  make: (url: string) => DataSource,
): Promise<OpenedCore<C>> => {
  const log = config.log ?? createLogger(name);
  const clock = config.clock ?? systemClock;
  const queues: QueueSettings = { redisUrl: config.redisUrl, prefix: config.queuePrefix, backoffScale: config.backoffScale };
  const producer = createProducer(name, queues, log);
  // Before the database: a Redis that may evict jobs stops start-up before anything is migrated.
  try {
    await requireNoEviction(producer.redis, log);
  } catch (error) {
    await producer.close();
    throw error;
  }
  const opened = await openServiceDatabase(config.mysqlUrl, config.migrate, make).catch(async (error: unknown) => {
    await producer.close();
    throw error;
  });
  const dataSource = joinRequestTransactions(opened);
  try {
    assertAuditDeclared(dataSource);
  } catch (error) {
    await dataSource.destroy();
    await producer.close();
    throw error;
  }
  dataSource.subscribers.push(new AuditSubscriber({ service: name, clock, recordReads: config.auditReads !== false }));
  const readAudit = new ReadAuditBatcher({ service: name, dataSource, log });
  const relay = new OutboxRelay({ producer, dataSource, clock, log });
  const issuer = new CredentialIssuer(name, config.signingKey);
  return {
    core: {
      name,
      config,
      dataSource,
      clock,
      log,
      outbox: new Outbox(clock),
      relay,
      producer,
      queues,
      issuer,
      services: new ServiceClient(issuer, config.serviceUrls),
      readAudit,
    },
    readiness: async () => ({
      mysql: await answers(dataSource.query('SELECT 1')),
      redis: await answers(producer.redis.ping()),
    }),
    start: () => {
      relay.start();
      readAudit.start();
    },
    close: async () => {
      await relay.stop();
      await readAudit.stop();
      await producer.close();
      await dataSource.destroy();
    },
  };
};
