/**
 * Each test file gets its own databases and queue prefix, created before and dropped after, so
 * parallel workers and concurrent runs never see each other's data.
 */
import { randomBytes } from 'node:crypto';
import { createDataSource, dropDatabase, ensureDatabase } from '@azukari/db';
import { Redis } from 'ioredis';

export const TEST_MYSQL_URL = process.env.AZUKARI_TEST_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306';
export const TEST_REDIS_URL = process.env.AZUKARI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestResources {
  runId: string;
  databaseUrl(service: string): string;
  queuePrefix: string;
  redisUrl: string;
  /** Creates the named databases (empty); call migrations yourself or let createApp run them. */
  create(services: readonly string[]): Promise<void>;
  /** Runs one statement on a service's database, past every scope: what a test checks or arranges behind the API. */
  sql<T = Record<string, unknown>>(service: string, statement: string, parameters?: unknown[]): Promise<T[]>;
  /** Drops every database created and deletes every Redis key under the prefix. */
  cleanup(): Promise<void>;
}

/**
 * `mysqlUrls` puts a service's database on a server of its own (a fault test's OwnMariaDbServer),
 * the shared server otherwise; it is created and dropped there all the same.
 */
export const testResources = (redisUrl = TEST_REDIS_URL, mysqlUrls: Readonly<Partial<Record<string, string>>> = {}): TestResources => {
  const runId = `${process.env.JEST_WORKER_ID ?? '0'}${randomBytes(4).toString('hex')}`;
  const created = new Set<string>();
  const databaseUrl = (service: string) => `${(mysqlUrls[service] ?? TEST_MYSQL_URL).replace(/\/$/, '')}/azt_${runId}_${service}`;
  const queuePrefix = `{azt-${runId}}`;
  return {
    runId,
    databaseUrl,
    queuePrefix,
    redisUrl,
    async create(services) {
      for (const service of services) {
        await ensureDatabase(databaseUrl(service));
        created.add(service);
      }
    },
    async sql<T>(service: string, statement: string, parameters: unknown[] = []) {
      const dataSource = createDataSource({ url: databaseUrl(service), entities: [], poolSize: 1 });
      await dataSource.initialize();
      try {
        return (await dataSource.query(statement, parameters)) as T[];
      } finally {
        await dataSource.destroy();
      }
    },
    async cleanup() {
      for (const service of created) await dropDatabase(databaseUrl(service));
      created.clear();
      const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
      try {
        await redis.connect();
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length > 0) await redis.del(...keys);
        } while (cursor !== '0');
      } catch {
        // A fault test's own Redis may already be gone; its data went with it.
      } finally {
        redis.disconnect();
      }
    },
  };
};
