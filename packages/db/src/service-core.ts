/**
 * What a subgraph that publishes events and calls other services opens at start, in one place:
 * its database (created and migrated), the producer connection and the outbox relay, the
 * credential issuer and the client for other services' internal routes; and how it is checked
 * and closed (relay before Redis before MySQL).
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
import { createProducer, type Producer } from '@azukari/jobs';
import { openServiceDatabase } from './data-source';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

export interface ServiceCore {
  dataSource: DataSource;
  clock: Clock;
  log: Logger;
  outbox: Outbox;
  relay: OutboxRelay;
  producer: Producer;
  issuer: CredentialIssuer;
  services: ServiceClient;
  readiness(): Promise<Record<string, boolean>>;
  /** Starts the relay; call once the service accepts requests. */
  start(): void;
  close(): Promise<void>;
}

export const openServiceCore = async (
  service: SubgraphName,
  config: ConnectedSubgraphConfig,
  make: (url: string) => DataSource,
): Promise<ServiceCore> => {
  const log = config.log ?? createLogger(service);
  const clock = config.clock ?? systemClock;
  const dataSource = await openServiceDatabase(config.mysqlUrl, config.migrate, make);
  const producer = createProducer({ redisUrl: config.redisUrl, prefix: config.queuePrefix }, log);
  const relay = new OutboxRelay({ producer: service, dataSource, queues: producer.queue, ready: producer.ready, clock, log });
  const issuer = new CredentialIssuer(service, config.signingKey);
  return {
    dataSource,
    clock,
    log,
    outbox: new Outbox(clock),
    relay,
    producer,
    issuer,
    services: new ServiceClient(issuer, config.serviceUrls),
    readiness: async () => ({
      mysql: await answers(dataSource.query('SELECT 1')),
      redis: await answers(producer.redis.ping()),
    }),
    start: () => relay.start(),
    close: async () => {
      await relay.stop();
      await producer.close();
      await dataSource.destroy();
    },
  };
};
