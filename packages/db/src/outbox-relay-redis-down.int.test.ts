/**
 * The relay while Redis cannot be reached, against the real MariaDB: services keep writing events
 * at full speed, and the relay neither waits without bound nor holds locks that those writes
 * would queue behind (the claim used to wait for a queue that never opened, and its gap locks
 * made every write wait 50 s for InnoDB's lock wait timeout).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Queue } from 'bullmq';
import { TestClock, createLogger, newId, withinMs } from '@azukari/common';
import { ClientReportRequested, QueueName, createProducer, createRedis, jobIdFor, type Producer } from '@azukari/jobs';
import { createDataSource, dropDatabase, ensureDatabase } from './data-source';
import { Outbox, OutboxEventEntity } from './outbox';
import { OutboxRelay } from './outbox-relay';

const SERVER = process.env.AZUKARI_TEST_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306';
const REDIS = process.env.AZUKARI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A port nothing listens on: a Redis that was never started. */
// packages/testing builds on this package, so its sparePort cannot be used here.
const closedPort = async (): Promise<number> =>
  await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Fails the test if `work` has not settled after `ms`: the stall this file is about is 50 s. */
const settledWithin = async <T>(ms: number, work: Promise<T>): Promise<T> => await withinMs(ms, work, 'the work');

describe('outbox relay with Redis down from the start', () => {
  const url = `${SERVER}/azt_db_${randomBytes(4).toString('hex')}`;
  const prefix = `{azt-db-${randomBytes(4).toString('hex')}}`;
  const dataSource = createDataSource({ url, entities: [OutboxEventEntity] });
  const clock = new TestClock();
  const outbox = new Outbox(clock);
  const log = createLogger('relay', 'silent');
  const payload = {
    clientId: newId(),
    contractIds: [newId()],
    article: 'Art 7.1' as const,
    kind: 'incident.reported',
    subject: { type: 'Incident', id: newId() },
    facts: { kind: 'LEAKAGE' },
    dueAt: '2026-11-20T03:15:00.000Z',
  };
  let down: Producer;

  /** A write as a service makes it, on its own connection, giving up on any lock after 1 s. */
  const writeEvent = async (): Promise<string> => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SET SESSION innodb_lock_wait_timeout = 1');
      await runner.startTransaction();
      const id = await outbox.add(runner.manager, ClientReportRequested, payload);
      await runner.commitTransaction();
      return id;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  };

  beforeAll(async () => {
    await ensureDatabase(url);
    await dataSource.initialize();
    await dataSource.synchronize();
    down = createProducer('tests', { redisUrl: `redis://127.0.0.1:${await closedPort()}`, prefix });
  });
  afterEach(async () => {
    await dataSource.manager.clear(OutboxEventEntity);
  });
  afterAll(async () => {
    await down.close();
    await dataSource.destroy();
    await dropDatabase(url);
  });

  it('claims nothing while the producer is not connected, so writes go on, and relays them once Redis is there', async () => {
    const relay = new OutboxRelay({ producer: down, dataSource, clock, log });
    const first = await writeEvent();
    relay.start();
    try {
      expect(await settledWithin(5_000, relay.relayBatch())).toBe(0);
      const later = await settledWithin(10_000, Promise.all([1, 2, 3, 4, 5].map(writeEvent)));
      expect(await relay.backlog()).toBe(6);
      expect((await dataSource.manager.findOneByOrFail(OutboxEventEntity, { id: first })).attempts).toBe(0);

      // The same events, once a relay can reach Redis.
      const redis = createRedis(REDIS, 'producer');
      const queue = new Queue(QueueName.CONTRACTS_EVENTS, { connection: redis, prefix });
      const up = createProducer('tests', { redisUrl: REDIS, prefix });
      try {
        const working = new OutboxRelay({ producer: up, dataSource, clock, log });
        await queue.waitUntilReady();
        while (!up.ready()) await new Promise((r) => setTimeout(r, 20));
        expect(await working.relayBatch()).toBe(6);
        for (const id of [first, ...later]) expect(await queue.getJob(jobIdFor('tests', id))).toBeDefined();
      } finally {
        await up.close();
        await queue.obliterate({ force: true });
        await queue.close();
        redis.disconnect();
      }
    } finally {
      await relay.stop();
    }
  });

  it('gives up on an add Redis does not answer, and its claim blocks no write meanwhile', async () => {
    // No readiness check: as if Redis went away between the check and the add.
    const relay = new OutboxRelay({ producer: down, ready: () => true, dataSource, clock, log, addTimeoutMs: 3_000 });
    const claimed = await writeEvent();
    const pass = settledWithin(10_000, relay.relayBatch());
    pass.catch(() => undefined);
    // The claim is open, its add waiting for Redis.
    await new Promise((r) => setTimeout(r, 500));
    const [locking] = await dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX WHERE trx_rows_locked > 0',
    );
    expect(Number(locking!.n)).toBeGreaterThan(0);

    // Written while the claim holds its locks: would wait behind a gap lock at REPEATABLE READ.
    const written = await settledWithin(2_500, Promise.all([writeEvent(), writeEvent()]));
    expect(written).toHaveLength(2);

    await expect(pass).rejects.toThrow('Redis did not answer within 3000 ms');
    expect(await relay.backlog()).toBe(3);
    expect((await dataSource.manager.findOneByOrFail(OutboxEventEntity, { id: claimed })).publishedAt).toBeNull();
  });
});
