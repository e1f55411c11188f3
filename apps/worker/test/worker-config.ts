/** A worker's settings in tests: the run's Redis and queue prefix, and defaults that a test overrides. */
import { createLogger, type SubgraphName } from '@azukari/common';
import { testKeys } from '@azukari/testing';
import { loadMailConfig, type WorkerConfig } from '../src/config';

const NOWHERE = 'http://127.0.0.1:9';

/** The loopback's ephemeral ports, where a test's receiver listens: never MariaDB's 3306 or Redis' 6379. */
export const TEST_ALLOW_LIST = [{ address: '127.0.0.1', fromPort: 32768, toPort: 65535 }];

export const testWorkerConfig = async (
  queues: { redisUrl: string; queuePrefix: string },
  overrides: Partial<WorkerConfig> & { contractsUrl?: string; smtpUrl?: string } = {},
): Promise<WorkerConfig> => {
  const { contractsUrl, smtpUrl, ...rest } = overrides;
  const keys = await testKeys();
  return {
    port: 0,
    host: '127.0.0.1',
    redisUrl: queues.redisUrl,
    queuePrefix: queues.queuePrefix,
    signingKey: keys.privateKey('worker'),
    serviceUrls: { contracts: contractsUrl ?? NOWHERE, custody: NOWHERE, personnel: NOWHERE, incidents: NOWHERE } as Record<
      SubgraphName,
      string
    >,
    deliveryTimeoutMs: 2_000,
    deliveryConcurrency: 32,
    perEndpointConcurrency: 4,
    webhookAllowList: TEST_ALLOW_LIST,
    mail: { ...loadMailConfig({}), smtpUrl: smtpUrl ?? 'smtp://127.0.0.1:9', publicUrl: 'https://api.azukari.test', timeoutMs: 2_000 },
    log: createLogger('worker', 'silent'),
    ...rest,
  };
};
