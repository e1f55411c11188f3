/**
 * Idempotent mutations, for every subgraph: a mutation sent with an Idempotency-Key claims the
 * key (per token) in a transaction of this subgraph's database before it runs; every read and
 * change of the request joins that transaction (request-transaction.ts in @azukari/db), and the
 * answer is stored with the key before the transaction commits. So:
 * - a retry with the same key and request gets the stored answer, and nothing runs again;
 * - the same key with another request is refused with CONFLICT;
 * - of two concurrent requests with one key, the second waits on the key's row lock until the
 *   first commits (then it gets the first's answer) or rolls back (then it acts itself); it waits
 *   at most LOCK_WAIT_SECONDS, then is told the first is still in progress (CONFLICT);
 * - an answer with errors rolls back, change and key alike, and is answered without data (nothing
 *   it named was kept): the retry acts afresh.
 * Answers may hold secrets (a new token, a webhook secret): a subgraph that returns any seals
 * them at rest (`sealer`). Keys are kept 24 hours; expired ones are swept at most once a minute.
 */
import type { ApolloServerPlugin, GraphQLRequestListener, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { DataSource, QueryRunner } from 'typeorm';
import {
  ErrorCode,
  IDEMPOTENCY_FINGERPRINT_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  IDEMPOTENCY_STEP_HEADER,
  currentAccess,
  type Clock,
  type Logger,
} from '@azukari/common';
import { IDEMPOTENCY_RETENTION_MS, IdempotencyRecordEntity, isDuplicateKey } from '@azukari/db';
import type { BaseContext } from './http-service';

const SWEEP_EVERY_MS = 60_000;
const SWEEP_BATCH = 500;
/** How long a request waits for another holding the same key before it is told to retry later. */
const LOCK_WAIT_SECONDS = 10;

/** Seals stored answers at rest, for a subgraph whose answers may hold secrets. */
export interface AnswerSealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

const answer = (singleResult: FormattedExecutionResult): GraphQLResponse => ({
  http: { status: undefined, headers: new HeaderMap() },
  body: { kind: 'single', singleResult },
});

const refusal = (code: string, message: string): GraphQLResponse => answer({ errors: [{ message, extensions: { code } }] });

const isLockWaitTimeout = (error: unknown): boolean => (error as { code?: string }).code === 'ER_LOCK_WAIT_TIMEOUT';

export interface IdempotencyOptions {
  dataSource: DataSource;
  clock: Clock;
  log: Logger;
  sealer?: AnswerSealer;
}

export const idempotencyPlugin = <C extends BaseContext>(options: IdempotencyOptions): ApolloServerPlugin<C> => {
  const { dataSource, clock, log } = options;
  const seal = (plain: string) => (options.sealer ? options.sealer.seal(plain) : plain);
  const open = (stored: string) => (options.sealer ? options.sealer.open(stored) : stored);

  let lastSweep = 0;
  const sweep = () => {
    const now = clock.now();
    if (now.getTime() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now.getTime();
    void (async () => {
      // Small batches (DELETE ... LIMIT, MySQL's and MariaDB's), repeated while a batch was full.
      for (;;) {
        const result = (await dataSource.query('DELETE FROM idempotency_record WHERE expiresAt < ? LIMIT ?', [now, SWEEP_BATCH])) as {
          affectedRows?: number;
        };
        if ((result.affectedRows ?? 0) < SWEEP_BATCH) return;
      }
    })().catch((error: unknown) => log.warn({ err: error }, 'expired idempotency keys not swept; tried again later'));
  };

  /** Ends the claim's transaction and gives its connection back, whatever happens on the way. */
  const finish = async (runner: QueryRunner, commit: boolean): Promise<void> => {
    const access = currentAccess();
    if (access) access.transaction = undefined;
    try {
      if (commit) await runner.commitTransaction();
    } catch (error) {
      commit = false;
      throw error;
    } finally {
      if (!commit && runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.query('SET SESSION innodb_lock_wait_timeout = DEFAULT').catch(() => undefined);
      await runner.release();
    }
  };

  /** Claims the key in a new transaction; the runner holding it, or the answer to give instead. */
  const claim = async (tokenId: string, key: string, fingerprint: string): Promise<QueryRunner | GraphQLResponse> => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const runner = dataSource.createQueryRunner();
      const now = clock.now();
      try {
        await runner.connect();
        await runner.query(`SET SESSION innodb_lock_wait_timeout = ${LOCK_WAIT_SECONDS}`);
        await runner.startTransaction();
        // Waits here while another request holds the same key, until it commits or rolls back.
        await runner.manager.insert(IdempotencyRecordEntity, {
          tokenId,
          key,
          fingerprint,
          response: null,
          createdAt: now,
          expiresAt: new Date(now.getTime() + IDEMPOTENCY_RETENTION_MS),
        });
        return runner;
      } catch (error) {
        await finish(runner, false);
        if (isLockWaitTimeout(error)) {
          return refusal(ErrorCode.CONFLICT, 'A request with this Idempotency-Key is still in progress. Retry it later with the same key.');
        }
        if (!isDuplicateKey(error)) throw error;
      }
      const first = await dataSource.manager.findOneBy(IdempotencyRecordEntity, { tokenId, key });
      if (!first) continue; // swept or rolled back meanwhile: claim again
      if (first.expiresAt.getTime() <= now.getTime()) {
        await dataSource.manager.delete(IdempotencyRecordEntity, { tokenId, key, expiresAt: first.expiresAt });
        continue;
      }
      if (first.fingerprint !== fingerprint) {
        return refusal(
          ErrorCode.CONFLICT,
          'This Idempotency-Key was used with a different request in the last 24 hours. Use a new key for a new request.',
        );
      }
      if (first.response !== null) return answer(JSON.parse(open(first.response)) as FormattedExecutionResult);
    }
    return refusal(ErrorCode.SERVICE_UNAVAILABLE, 'The Idempotency-Key could not be claimed. Try again shortly.');
  };

  return {
    async requestDidStart({ request, contextValue }): Promise<GraphQLRequestListener<C> | void> {
      const given = request.http?.headers.get(IDEMPOTENCY_KEY_HEADER);
      if (!given) return;
      const step = request.http?.headers.get(IDEMPOTENCY_STEP_HEADER) ?? '1';
      const fingerprint = request.http?.headers.get(IDEMPOTENCY_FINGERPRINT_HEADER) ?? '';
      const key = `${given}#${step}`;
      let held: QueryRunner | null = null;

      return {
        async responseForOperation(requestContext) {
          if (requestContext.operation?.operation !== 'mutation' || !contextValue.principal) return null;
          if (!IDEMPOTENCY_KEY_PATTERN.test(given) || !/^[0-9a-f]{64}$/.test(fingerprint) || !/^[0-9]{1,4}$/.test(step)) {
            return refusal(ErrorCode.BAD_USER_INPUT, 'The Idempotency-Key must be 1 to 255 printable ASCII characters without spaces.');
          }
          const access = currentAccess();
          if (!access) throw new Error('a mutation outside any access context');
          sweep();
          const claimed = await claim(contextValue.principal.tokenId, key, fingerprint);
          if (!('manager' in claimed)) return claimed;
          held = claimed;
          access.transaction = claimed.manager;
          return null;
        },

        async willSendResponse(requestContext) {
          const runner = held;
          held = null;
          if (!runner) return;
          const afterCommit = currentAccess()?.afterCommit ?? [];
          const { body } = requestContext.response;
          const result = body.kind === 'single' ? body.singleResult : null;
          if (!result || (result.errors?.length ?? 0) > 0) {
            await finish(runner, false).catch((error: unknown) =>
              log.warn({ err: error }, 'an idempotent mutation did not roll back cleanly'),
            );
            // Whatever the answer named was rolled back with the rest: it must not be shown as kept.
            if (result) requestContext.response.body = { kind: 'single', singleResult: { data: null, errors: result.errors } };
            return;
          }
          try {
            await runner.manager.update(
              IdempotencyRecordEntity,
              { tokenId: contextValue.principal!.tokenId, key },
              { response: seal(JSON.stringify(result)) },
            );
            await finish(runner, true);
          } catch (error) {
            log.error({ err: error }, 'an idempotent mutation could not commit');
            await finish(runner, false).catch(() => undefined);
            requestContext.response.body = {
              kind: 'single',
              singleResult: {
                data: null,
                errors: [
                  {
                    message: 'The change could not be saved. Try again with the same Idempotency-Key.',
                    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
                  },
                ],
              },
            };
            return;
          }
          for (const work of afterCommit) {
            await work().catch((error: unknown) => log.error({ err: error }, 'work after an idempotent mutation committed failed'));
          }
        },
      };
    },
  };
};
