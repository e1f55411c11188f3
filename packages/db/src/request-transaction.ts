/**
 * One transaction for a whole request, when a request needs one (a mutation with an
 * Idempotency-Key: the change and the key with its answer commit together). The service's data
 * source is wrapped once, at start: inside such a request, `dataSource.manager` is the request's
 * transaction and `dataSource.transaction(work)` joins it, so every read sees the request's own
 * writes and every write commits with the key, while no service, repository or loader knows.
 * Outside one, the data source behaves as TypeORM's own.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { currentAccess } from '@azukari/common';

const requestManager = (): EntityManager | undefined => currentAccess()?.transaction as EntityManager | undefined;

export const joinRequestTransactions = (dataSource: DataSource): DataSource =>
  new Proxy(dataSource, {
    get(target, property, receiver) {
      const joined = requestManager();
      if (joined && property === 'manager') return joined;
      if (joined && property === 'transaction') {
        return async (...args: unknown[]) => {
          const work = args.find((a) => typeof a === 'function') as (manager: EntityManager) => Promise<unknown>;
          return await work(joined);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });

/**
 * Runs `work` once the change is committed: now, or, inside a request's transaction, right after
 * it commits (and never if it rolls back). For effects other services must not see before the
 * change is durable, such as telling the gateways to forget a revoked token.
 */
export const afterCommit = async (work: () => Promise<void>): Promise<void> => {
  const access = currentAccess();
  if (access?.transaction) {
    (access.afterCommit ??= []).push(work);
    return;
  }
  await work();
};
