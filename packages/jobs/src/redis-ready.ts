/**
 * Whether a fresh connection answers: start-up work that needs Redis (the policy check, the
 * schedules' upsert) but must not hold up a start while Redis is away.
 */
import type { Redis } from 'ioredis';

/** True once the connection is ready; false as soon as an attempt fails, or after `ms` without an answer. */
export const redisAnswersAtStart = async (redis: Redis, ms: number): Promise<boolean> => {
  if (redis.status === 'ready') return true;
  if (redis.status !== 'connecting' && redis.status !== 'connect' && redis.status !== 'wait') return false;
  return await new Promise<boolean>((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('close', onClose);
      resolve(ready);
    };
    const onReady = () => done(true);
    const onClose = () => done(false);
    const timer = setTimeout(() => done(false), ms);
    redis.on('ready', onReady);
    redis.on('close', onClose);
  });
};
