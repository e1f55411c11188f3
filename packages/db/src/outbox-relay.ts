/**
 * Moves outbox events to BullMQ. Each pass claims a batch with FOR UPDATE SKIP LOCKED (several
 * relays may run), adds each event as a job whose id is derived from the event, and marks it
 * published in the same transaction. If Redis is away the transaction rolls back and the batch is
 * retried with backoff; if the process dies after the add but before the commit, the same job id
 * is added again and BullMQ collapses it (completed jobs are kept longer than this retry window).
 *
 * The claim holds row locks while it talks to Redis, so that talk is kept short: no claim while
 * the producer connection is down (a queue opened then waits for Redis without any bound), every
 * add bounded in time, and READ COMMITTED, so that the claim locks the claimed rows only and not
 * the gaps between them, where the services insert new events.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { ZodError } from 'zod';
import { withinMs, type Clock, type Logger } from '@azukari/common';
import { jobByName, type Producer } from '@azukari/jobs';
import { OutboxEventEntity } from './outbox';

/** Passes after which an unreadable event is set aside (it stays in the table, unpublished). */
export const POISONED_AFTER = 5;

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** Enqueues through each job's definition, with job ids `<service>-<event id>`. */
  producer: Producer;
  /** Whether Redis is there to add to (the producer's connection, unless a test says otherwise); while it is not, passes claim nothing. */
  ready?: () => boolean;
  clock: Clock;
  log: Logger;
  intervalMs?: number;
  batchSize?: number;
  maxBackoffMs?: number;
  /** Longest wait for one add; an add that timed out may still land, and is collapsed later. */
  addTimeoutMs?: number;
}

export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private failures = 0;
  private rerun = false;
  private lastFailure: string | null = null;

  constructor(private readonly options: OutboxRelayOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Called after a commit that wrote an event, so it leaves at once instead of at the next tick. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** The producer's connection is up, unless a test says otherwise. */
  private redisReady(): boolean {
    return (this.options.ready ?? this.options.producer.ready)();
  }

  /** Unpublished events, for readiness and metrics. */
  async backlog(): Promise<number> {
    return await this.options.dataSource.manager.countBy(OutboxEventEntity, { publishedAt: IsNull() });
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.pass().finally(() => {
        this.running = null;
      });
    }, delay);
  }

  private async pass(): Promise<void> {
    const { intervalMs = 250, maxBackoffMs = 5_000 } = this.options;
    if (!this.redisReady()) {
      // Nothing to try until Redis is back; asking again at every tick costs nothing.
      this.schedule(intervalMs);
      return;
    }
    let relayed = 0;
    try {
      relayed = await this.relayBatch();
      if (this.failures > 0) this.options.log.info({ failures: this.failures }, 'outbox relay passes again');
      this.failures = 0;
      this.lastFailure = null;
    } catch (error) {
      this.failures += 1;
      const message = (error as Error).message;
      // Once per kind of failure: a long outage would otherwise repeat it every few seconds.
      const level = message === this.lastFailure ? 'debug' : 'warn';
      this.options.log[level]({ err: message, failures: this.failures }, 'outbox relay pass failed');
      this.lastFailure = message;
    }
    const full = relayed === (this.options.batchSize ?? 100);
    const delay = this.failures > 0 ? Math.min(intervalMs * 2 ** this.failures, maxBackoffMs) : full || this.rerun ? 0 : intervalMs;
    this.rerun = false;
    this.schedule(delay);
  }

  /** One batch; returns how many events were published. Exposed for tests that drive it by hand. */
  async relayBatch(): Promise<number> {
    const { dataSource, producer, clock, log, batchSize = 100, addTimeoutMs = 2_000 } = this.options;
    if (!this.redisReady()) return 0;
    return await dataSource.transaction('READ COMMITTED', async (manager) => {
      const events = await manager
        .createQueryBuilder(OutboxEventEntity, 'e')
        .where('e.publishedAt IS NULL')
        .andWhere('e.attempts < :poisoned', { poisoned: POISONED_AFTER })
        .orderBy('e.id', 'ASC')
        .limit(batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      const published: string[] = [];
      for (const event of events) {
        const definition = jobByName(event.type);
        if (!definition) {
          // A newer relay (a rolling deploy) knows this type: leave the event to it, uncounted.
          await manager.update(OutboxEventEntity, { id: event.id }, { lastError: `unknown event type ${event.type}`.slice(0, 500) });
          log.warn({ eventId: event.id, type: event.type }, 'outbox event of a type this relay does not know; left for another relay');
          continue;
        }
        try {
          // An add that Redis does not answer fails the pass (rolling the claim back) instead of holding it.
          await withinMs(
            addTimeoutMs,
            producer.enqueue(definition, {
              eventId: event.id,
              occurredAt: event.createdAt.toISOString(),
              trace: event.trace,
              payload: JSON.parse(event.payload) as never,
            }),
            'Redis',
          );
        } catch (error) {
          if (!(error instanceof SyntaxError || error instanceof ZodError)) throw error;
          // A row that cannot be read never will be: count it, and set it aside after a few passes
          // rather than let it hold back every event behind it.
          await manager.update(
            OutboxEventEntity,
            { id: event.id },
            { attempts: event.attempts + 1, lastError: `unreadable payload: ${(error as Error).message}`.slice(0, 500) },
          );
          log.error({ eventId: event.id, type: event.type }, 'unreadable outbox event');
          continue;
        }
        published.push(event.id);
      }
      if (published.length > 0) {
        await manager
          .createQueryBuilder()
          .update(OutboxEventEntity)
          .set({ publishedAt: clock.now(), attempts: () => 'attempts + 1', lastError: null })
          .whereInIds(published)
          .execute();
      }
      return published.length;
    });
  }
}

/**
 * Runs `work` in one transaction, then lets the relay know that an event may be waiting. Within a
 * mutation sent with an Idempotency-Key the work joins the request's transaction, which holds the
 * key (request-transaction.ts), and the relay is told once that commits.
 */
export const inTransaction = async <T>(
  deps: { dataSource: DataSource; relay: OutboxRelay },
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> => {
  const result = await deps.dataSource.transaction(work);
  deps.relay.nudge();
  return result;
};
