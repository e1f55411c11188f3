/**
 * The worker through a Redis outage, on a Redis of its own: it says once that Redis is gone and
 * once that it is back, however long the outage, and a shutdown with Redis gone is prompt.
 */
import { withinMs } from '@azukari/common';
import { LEVEL, OwnRedisServer, capturedLogger, type LogLine } from '@azukari/testing';
import { createApp } from '../src/app';
import { testWorkerConfig } from './worker-config';

/** Generous next to what it bounds: a close that hangs used to last until the 15 s forced exit. */
const CLOSE_BOUND_MS = 10_000;

const pause = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

/** Fails the test if `work` has not settled after `ms`. */
const settledWithin = async <T>(ms: number, work: Promise<T>): Promise<T> => await withinMs(ms, work, 'the work');

const waitFor = async (what: string, probe: () => boolean, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(100);
  }
};

describe('worker: Redis outage', () => {
  const startApp = async (redis: OwnRedisServer) => {
    const { log, lines } = capturedLogger('worker', 'debug');
    const app = await createApp(await testWorkerConfig({ redisUrl: redis.url, queuePrefix: '{azt-worker-outage}' }, { log }));
    return { app, lines };
  };
  const lost = (lines: LogLine[]) => lines.filter((l) => l.msg.startsWith('Redis unreachable'));
  const back = (lines: LogLine[]) => lines.filter((l) => l.msg === 'Redis reachable again');
  const byRole = (lines: LogLine[]) =>
    lines
      .map((l) => ({ level: l.level, redis: (l as { redis?: string }).redis }))
      .sort((a, b) => String(a.redis).localeCompare(String(b.redis)));

  it('logs a lost connection once and its return once, not every reconnect attempt, and closes promptly with Redis gone', async () => {
    const redis = await OwnRedisServer.start();
    const { app, lines } = await startApp(redis);
    try {
      await pause(500);
      await redis.down();
      // Long enough for several reconnect attempts (ioredis retries every 2 s at most).
      await pause(6_000);
      // Once per connection role (the consumer's and the producer's of outcomes), not per attempt.
      expect(byRole(lost(lines))).toEqual([
        { level: LEVEL.warn, redis: 'producer' },
        { level: LEVEL.warn, redis: 'worker' },
      ]);
      expect(back(lines)).toEqual([]);

      await redis.up();
      await waitFor('the return to be logged', () => back(lines).length === 2);
      await pause(1_000);
      expect(lost(lines)).toHaveLength(2);
      expect(byRole(back(lines))).toEqual([
        { level: LEVEL.info, redis: 'producer' },
        { level: LEVEL.info, redis: 'worker' },
      ]);
      // No connection error logged besides: the consumer's errors while reconnecting are the outage.
      expect(lines.filter((l) => l.level >= LEVEL.error)).toEqual([]);

      await redis.down();
      await waitFor('the second outage to be logged', () => lost(lines).length === 4);
    } finally {
      await settledWithin(CLOSE_BOUND_MS, app.close());
      await redis.down();
    }
  });

  it('closes promptly when Redis was never there', async () => {
    const redis = await OwnRedisServer.reserve();
    const { app, lines } = await startApp(redis);
    await pause(3_000);
    await settledWithin(CLOSE_BOUND_MS, app.close());
    expect(byRole(lost(lines)).map((l) => l.redis)).toEqual(['producer', 'worker']);
    expect(lines.filter((l) => l.level >= LEVEL.error)).toEqual([]);
  });
});
