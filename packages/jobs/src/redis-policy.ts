/**
 * The start-up check of Redis' `maxmemory-policy`. BullMQ needs `noeviction`: under any other
 * policy Redis drops keys when memory runs short, and with them queued jobs, the kept job ids that
 * make a re-added job collapse, and the schedules' markers: reports lost or sent twice, silently.
 *
 * A process that finds another policy refuses to start (RedisEvictionPolicyError): the setting is
 * wrong from the first minute, and a deploy that fails at once, saying what to set, costs less
 * than a queue that loses jobs months later under load. A process that cannot tell (Redis away at
 * start, or `CONFIG` and `INFO` both refused) starts, since outages must not stop start-up, and
 * says so; once Redis answers, the check runs again and a wrong policy is logged as an error.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '@azukari/common';
import { redisAnswersAtStart } from './redis-ready';

export type EvictionPolicyReading = { policy: string; source: 'CONFIG GET' | 'INFO memory' } | { policy: null; reason: string };

export const REQUIRED_POLICY = 'noeviction';

export class RedisEvictionPolicyError extends Error {
  constructor(
    readonly policy: string,
    where: string,
  ) {
    super(
      `Redis at ${where} has maxmemory-policy "${policy}": it may evict keys under memory pressure, and with them ` +
        `queued jobs and the ids that keep each job single, so reports would be lost or sent twice. BullMQ needs ` +
        `"${REQUIRED_POLICY}": set "maxmemory-policy ${REQUIRED_POLICY}" in redis.conf (or CONFIG SET maxmemory-policy ` +
        `${REQUIRED_POLICY}, or your provider's parameter group) and start again.`,
    );
    this.name = 'RedisEvictionPolicyError';
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Reads the policy with `CONFIG GET`, or from `INFO memory` where `CONFIG` is disabled (managed
 * Redis often renames or forbids it); says why when neither answers.
 */
export const readEvictionPolicy = async (redis: Redis): Promise<EvictionPolicyReading> => {
  let configRefusal: string;
  try {
    const answer = (await redis.call('CONFIG', 'GET', 'maxmemory-policy')) as unknown;
    const value = Array.isArray(answer) ? (answer as unknown[])[1] : undefined;
    if (typeof value === 'string' && value) return { policy: value, source: 'CONFIG GET' };
    configRefusal = 'CONFIG GET answered nothing';
  } catch (error) {
    configRefusal = `CONFIG GET refused (${messageOf(error)})`;
  }
  try {
    const info = await redis.info('memory');
    const value = /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
    if (value) return { policy: value, source: 'INFO memory' };
    return { policy: null, reason: `${configRefusal}; INFO memory names no maxmemory_policy` };
  } catch (error) {
    return { policy: null, reason: `${configRefusal}; INFO memory refused (${messageOf(error)})` };
  }
};

const whereOf = (redis: Redis): string => `${redis.options.host ?? '?'}:${redis.options.port ?? '?'}`;

/**
 * Checks the policy once Redis answers, within `waitMs`: throws RedisEvictionPolicyError on a
 * policy other than `noeviction`, warns when it cannot be read. If Redis does not answer in time,
 * start-up goes on and the check runs when it first does, logging a wrong policy as an error.
 */
export const requireNoEviction = async (redis: Redis, log: Logger, waitMs = 3_000): Promise<void> => {
  const check = async (): Promise<void> => {
    const reading = await readEvictionPolicy(redis);
    if (reading.policy === null) {
      log.warn(
        { redis: whereOf(redis), reason: reading.reason },
        `could not read Redis' maxmemory-policy: make sure it is ${REQUIRED_POLICY}, or queued jobs may be evicted`,
      );
    } else if (reading.policy !== REQUIRED_POLICY) {
      throw new RedisEvictionPolicyError(reading.policy, whereOf(redis));
    }
  };
  if (await redisAnswersAtStart(redis, waitMs)) return await check();
  log.warn({ redis: whereOf(redis) }, 'Redis does not answer yet: its maxmemory-policy is checked once it does');
  redis.once('ready', () => {
    check().catch((error: unknown) => log.error({ redis: whereOf(redis) }, messageOf(error)));
  });
};
