/** Waiting, within a bound, for a connection to answer: start-up work that needs Redis but must not hang on it. */
import type { Redis } from 'ioredis';

export const redisReadyWithin = async (redis: Redis, ms: number): Promise<boolean> => {
  if (redis.status === 'ready') return true;
  return await new Promise<boolean>((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    redis.on('ready', onReady);
  });
};
