/** The outbox, its relay and idempotent consumers against the real MySQL and Redis. */
import { randomBytes } from 'node:crypto';
import { Entity } from 'typeorm';
import { Queue } from 'bullmq';
import { TestClock, createLogger, newId } from '@azukari/common';
import { ClientReportRequested, QueueName, createProducer, createRedis, jobIdFor, type Producer } from '@azukari/jobs';
import { PrimaryIdColumn, IdColumn, TextColumn } from './columns';
import { createDataSource, dropDatabase, ensureDatabase } from './data-source';
import { Outbox, OutboxEventEntity } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { ProcessedEventEntity, processOnce } from './processed-event';
import { ClientScopedRepository, OPERATOR_SCOPE } from './tenant-scope';
import { runMigrationsLocked } from './migrate-locked';

@Entity({ name: 'note' })
class NoteEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  @TextColumn(100)
  text!: string;
}

const SERVER = process.env.AZUKARI_TEST_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306';
const REDIS = process.env.AZUKARI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('outbox, relay and processed events', () => {
  const url = `${SERVER}/azt_db_${randomBytes(4).toString('hex')}`;
  const prefix = `{azt-db-${randomBytes(4).toString('hex')}}`;
  const dataSource = createDataSource({ url, entities: [NoteEntity, OutboxEventEntity, ProcessedEventEntity] });
  const clock = new TestClock();
  const reader = createRedis(REDIS, 'producer');
  const queue = new Queue(QueueName.CONTRACTS_EVENTS, { connection: reader, prefix });
  const producer = createProducer('tests', { redisUrl: REDIS, prefix });
  const payload = {
    clientId: newId(),
    contractIds: [newId()],
    article: 'Art 7.1' as const,
    kind: 'incident.reported',
    subject: { type: 'Incident', id: newId() },
    facts: { kind: 'LEAKAGE', certainty: 'SUSPECTED' },
    dueAt: '2026-11-20T03:15:00.000Z',
  };

  beforeAll(async () => {
    await ensureDatabase(url);
    await dataSource.initialize();
    await dataSource.synchronize();
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await producer.close();
    reader.disconnect();
    await dataSource.destroy();
    await dropDatabase(url);
  });

  it('writes the event with the change, or neither', async () => {
    const outbox = new Outbox(clock);
    const id = newId();
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.insert(NoteEntity, { id, clientId: newId(), text: 'kept?' });
        await outbox.add(manager, ClientReportRequested, payload);
        throw new Error('the write fails after the event was added');
      }),
    ).rejects.toThrow();
    expect(await dataSource.manager.countBy(NoteEntity, { id })).toBe(0);
    expect(await dataSource.manager.count(OutboxEventEntity)).toBe(0);
  });

  it('refuses a payload its job schema does not accept', async () => {
    const outbox = new Outbox(clock);
    await expect(
      dataSource.transaction((m) => outbox.add(m, ClientReportRequested, { ...payload, article: 'Art 99' as never })),
    ).rejects.toThrow();
  });

  it('relays each event once, as a job whose id is derived from the event', async () => {
    const outbox = new Outbox(clock);
    const eventId = await dataSource.transaction((m) => outbox.add(m, ClientReportRequested, payload, '00-abc-def-01'));
    const relay = new OutboxRelay({ producer, dataSource, clock, log: createLogger('relay', 'silent') });
    expect(await relay.relayBatch()).toBe(1);
    expect(await relay.relayBatch()).toBe(0);
    const job = await queue.getJob(jobIdFor('tests', eventId));
    expect(job?.name).toBe('client-report.requested');
    expect(job?.opts).toMatchObject({ attempts: ClientReportRequested.attempts, backoff: { type: 'catalog' } });
    expect(job?.data).toMatchObject({ eventId, trace: '00-abc-def-01', payload });
    expect((await dataSource.manager.findOneByOrFail(OutboxEventEntity, { id: eventId })).publishedAt).toEqual(clock.now());
    // A relay that died after adding but before committing adds the same id again: it collapses.
    await queue.add('client-report.requested', job!.data, { jobId: jobIdFor('tests', eventId) });
    expect(await queue.getJobCounts('waiting', 'completed', 'active', 'delayed')).toMatchObject({ waiting: 1 });
  });

  it('relays an event as soon as the transaction that wrote it commits, not at its next sweep', async () => {
    const outbox = new Outbox(clock);
    const relay = new OutboxRelay({ producer, dataSource, clock, log: createLogger('relay', 'silent'), sweepMs: 600_000 });
    relay.start();
    try {
      // Its first pass, at start, finds nothing; the next sweep would be ten minutes away.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const eventId = await dataSource.transaction(async (manager) => {
        await manager.insert(NoteEntity, { id: newId(), clientId: payload.clientId, text: 'reported' });
        // Written in a savepoint: the event may leave only once the outer transaction commits.
        return await manager.transaction(async (inner) => await outbox.add(inner, ClientReportRequested, payload));
      });
      const deadline = Date.now() + 5_000;
      while (!(await queue.getJob(jobIdFor('tests', eventId))) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await queue.getJob(jobIdFor('tests', eventId))).toBeDefined();
      expect(await relay.backlog()).toBe(0);
    } finally {
      await relay.stop();
    }
  });

  it('keeps events while Redis refuses them, and relays them later', async () => {
    const outbox = new Outbox(clock);
    const eventId = await dataSource.transaction((m) => outbox.add(m, ClientReportRequested, payload));
    const broken: Producer = { ...producer, enqueue: async () => await Promise.reject(new Error('Redis is away')) };
    const failing = new OutboxRelay({ producer: broken, dataSource, clock, log: createLogger('relay', 'silent') });
    await expect(failing.relayBatch()).rejects.toThrow('Redis is away');
    expect(await failing.backlog()).toBe(1);
    const working = new OutboxRelay({ producer, dataSource, clock, log: createLogger('relay', 'silent') });
    expect(await working.relayBatch()).toBe(1);
    expect(await queue.getJob(jobIdFor('tests', eventId))).toBeDefined();
  });

  it('leaves an event of a type it does not know to another relay, and sets aside an unreadable one, without holding back the rest', async () => {
    const outbox = new Outbox(clock);
    const [unknown, unreadable] = [newId(), newId()];
    await dataSource.manager.insert(OutboxEventEntity, [
      {
        id: unknown,
        type: 'from.a.newer.release',
        payload: '{}',
        trace: null,
        createdAt: clock.now(),
        publishedAt: null,
        attempts: 0,
        lastError: null,
      },
      {
        id: unreadable,
        type: ClientReportRequested.name,
        payload: '{not json',
        trace: null,
        createdAt: clock.now(),
        publishedAt: null,
        attempts: 0,
        lastError: null,
      },
    ]);
    const good = await dataSource.transaction((m) => outbox.add(m, ClientReportRequested, payload));
    const relay = new OutboxRelay({ producer, dataSource, clock, log: createLogger('relay', 'silent') });
    expect(await relay.relayBatch()).toBe(1);
    expect(await queue.getJob(jobIdFor('tests', good))).toBeDefined();
    for (let pass = 0; pass < 6; pass += 1) await relay.relayBatch();
    const [u, r] = [
      await dataSource.manager.findOneByOrFail(OutboxEventEntity, { id: unknown }),
      await dataSource.manager.findOneByOrFail(OutboxEventEntity, { id: unreadable }),
    ];
    expect(u).toMatchObject({ publishedAt: null, attempts: 0, lastError: 'unknown event type from.a.newer.release' });
    expect(r).toMatchObject({ publishedAt: null, attempts: 5 });
    expect(r.lastError).toMatch(/^unreadable payload/);
    await dataSource.manager.delete(OutboxEventEntity, { id: unknown });
  });

  it('runs an effect once per job id, however often the job is delivered', async () => {
    const jobId = jobIdFor('tests', newId());
    const effect = async (manager: import('typeorm').EntityManager) => {
      await manager.insert(NoteEntity, { id: newId(), clientId: newId(), text: jobId });
    };
    const runs = await Promise.all([1, 2, 3].map(() => processOnce(dataSource, clock, 'tests', jobId, effect)));
    expect(runs.filter(Boolean)).toHaveLength(1);
    expect(await dataSource.manager.countBy(NoteEntity, { text: jobId })).toBe(1);
  });

  it("scopes reads to the caller's client", async () => {
    const [mine, theirs] = [newId(), newId()];
    const ids = [newId(), newId()];
    await dataSource.manager.insert(NoteEntity, [
      { id: ids[0]!, clientId: mine, text: 'mine' },
      { id: ids[1]!, clientId: theirs, text: 'theirs' },
    ]);
    const scoped = new ClientScopedRepository(dataSource.manager, { kind: 'client', clientId: mine }, NoteEntity);
    expect((await scoped.findByIds(ids)).map((n) => n.text)).toEqual(['mine']);
    expect(await scoped.findById(ids[1]!)).toBeNull();
    const operator = new ClientScopedRepository(dataSource.manager, OPERATOR_SCOPE, NoteEntity);
    expect(await operator.findByIds(ids)).toHaveLength(2);
  });

  it('migrates under a lock that concurrent starters wait for', async () => {
    const second = createDataSource({ url, entities: [NoteEntity] });
    await second.initialize();
    try {
      await expect(Promise.all([runMigrationsLocked(dataSource), runMigrationsLocked(second)])).resolves.toEqual([[], []]);
    } finally {
      await second.destroy();
    }
  });
});
