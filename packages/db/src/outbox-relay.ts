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
 *
 * An event leaves as soon as the transaction that wrote it commits: the relay listens to its data
 * source's commits (OutboxCommitListener) and runs then. Its own timer is only the safety net, for
 * events a process wrote and could not relay before it stopped, and polls every `sweepMs`: a poll
 * is a transaction of four statements, which four services at 250 ms cost the database 64
 * statements a second while nothing happened (docs/BENCHMARKS.md).
 */
import type {
  DataSource,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
} from 'typeorm';
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
  /** How soon to look again while Redis is away (an in-memory check; 250 ms). */
  intervalMs?: number;
  /** How often to look for events no commit announced (2 s). */
  sweepMs?: number;
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

  private readonly commits = new OutboxCommitListener(() => this.nudge());

  constructor(private readonly options: OutboxRelayOptions) {}

  start(): void {
    this.stopped = false;
    const { subscribers } = this.options.dataSource;
    if (!subscribers.includes(this.commits)) subscribers.push(this.commits);
    this.schedule(0);
  }

  /** Called after a commit that wrote an event (OutboxCommitListener), so it leaves at once. */
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
    const { subscribers } = this.options.dataSource;
    if (subscribers.includes(this.commits)) subscribers.splice(subscribers.indexOf(this.commits), 1);
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
    const { intervalMs = 250, sweepMs = 2_000, maxBackoffMs = 5_000 } = this.options;
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
    const delay = this.failures > 0 ? Math.min(intervalMs * 2 ** this.failures, maxBackoffMs) : full || this.rerun ? 0 : sweepMs;
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
 * Tells the relay when a transaction that wrote an outbox event has committed: the outermost
 * commit, not a savepoint's, since until then the relay's READ COMMITTED claim cannot see the row.
 * Whatever wrote it (a service's transaction, a consumer in `processOnce`, a request's own
 * transaction under an Idempotency-Key) is covered alike.
 */
class OutboxCommitListener implements EntitySubscriberInterface<OutboxEventEntity> {
  private readonly depth = new WeakMap<QueryRunner, number>();
  private readonly wrote = new WeakSet<QueryRunner>();

  constructor(private readonly committed: () => void) {}

  listenTo(): typeof OutboxEventEntity {
    return OutboxEventEntity;
  }

  afterInsert(event: { queryRunner: QueryRunner }): void {
    this.wrote.add(event.queryRunner);
  }

  afterTransactionStart(event: TransactionStartEvent): void {
    this.depth.set(event.queryRunner, (this.depth.get(event.queryRunner) ?? 0) + 1);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (this.leave(event.queryRunner) > 0 || !this.wrote.delete(event.queryRunner)) return;
    this.committed();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    // A rolled-back savepoint may have written the event; the sweep finds one that survived.
    if (this.leave(event.queryRunner) === 0) this.wrote.delete(event.queryRunner);
  }

  private leave(runner: QueryRunner): number {
    const depth = Math.max(0, (this.depth.get(runner) ?? 1) - 1);
    this.depth.set(runner, depth);
    return depth;
  }
}
