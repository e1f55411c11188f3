/**
 * A subgraph (incidents, as every subgraph through openServiceCore) refuses to start on a Redis
 * that may evict jobs, before it touches its database.
 */
import { createLogger, type SubgraphName } from '@azukari/common';
import { RedisEvictionPolicyError } from '@azukari/jobs';
import { OwnRedisServer, testKeys } from '@azukari/testing';
import { createApp } from '../src/app';

describe('incidents: the start-up check of Redis', () => {
  it('refuses to start on maxmemory-policy allkeys-lru, saying what to set, without opening its database', async () => {
    const redis = await OwnRedisServer.start({ maxmemoryPolicy: 'allkeys-lru' });
    try {
      const keys = await testKeys();
      const nowhere = 'http://127.0.0.1:9';
      const started = createApp({
        port: 0,
        host: '127.0.0.1',
        // No server listens here: reaching the database would fail differently.
        mysqlUrl: 'mariadb://root@127.0.0.1:9/azt_never',
        migrate: true,
        redisUrl: redis.url,
        queuePrefix: '{azt-incidents-policy}',
        signingKey: keys.privateKey('incidents'),
        trustedKeys: keys.trusted,
        serviceUrls: { contracts: nowhere, custody: nowhere, personnel: nowhere, incidents: nowhere } as Record<SubgraphName, string>,
        log: createLogger('incidents', 'silent'),
      });
      await expect(started).rejects.toBeInstanceOf(RedisEvictionPolicyError);
      await expect(started).rejects.toThrow(/maxmemory-policy "allkeys-lru".*noeviction/s);
    } finally {
      await redis.down();
    }
  });
});
