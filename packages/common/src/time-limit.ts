/**
 * Bounded waits: a wait on another system (Redis, a peer) that has no bound of its own is raced
 * against a timer, so an outage costs a known time instead of holding a lock or a shutdown forever.
 */

/** `work`, or a rejection with `${what} did not answer within ${ms} ms` once `ms` have passed. */
export const withinMs = async <T>(ms: number, work: Promise<T>, what = 'the operation'): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

/** Whether `work` settled (either way) within `ms`. */
export const settlesWithinMs = async (ms: number, work: Promise<unknown>): Promise<boolean> =>
  await withinMs(
    ms,
    work.then(
      () => true,
      () => true,
    ),
  ).catch(() => false);
