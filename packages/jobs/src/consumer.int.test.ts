/** The job catalog, enqueueing through definitions and consumers, against the real Redis. */
import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { createLogger, newId } from '@azukari/common';
import { ClientReportDelivery, ClientReportDeliveryOutcome, ClientReportRequested, JOBS } from './catalog';
import { handle, startConsumer, type JobContext } from './consumer';
import { UNTIL_IT_WORKS, backoffDelay, jobIdFor, type JobPayload } from './job';
import { QueueName } from './queue-names';
import { createProducer, createRedis } from './queues';

const REDIS = process.env.AZUKARI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = createLogger('jobs', 'silent');

const request = (): JobPayload<typeof ClientReportRequested> => ({
  clientId: newId(),
  contractIds: [newId()],
  article: 'Art 7.1',
  kind: 'incident.reported',
  subject: { type: 'Incident', id: newId() },
  facts: { kind: 'LOSS' },
  dueAt: '2026-11-20T03:15:00.000Z',
});

const outcome = (): JobPayload<typeof ClientReportDeliveryOutcome> => ({
  deliveryId: newId(),
  reportId: newId(),
  channel: 'WEBHOOK',
  status: 'DELIVERED',
  attempt: 1,
  at: '2026-11-20T03:01:00.000Z',
  durationMs: 35,
  responseStatus: 204,
  error: null,
  nextAttemptAt: null,
});

describe('job catalog, enqueue and consumers', () => {
  const settings = { redisUrl: REDIS, prefix: `{azt-jobs-${randomBytes(4).toString('hex')}}`, backoffScale: 0.005 };
  const reader = createRedis(REDIS, 'producer');
  const producer = createProducer('tests', settings);
  const opened: { close(): Promise<unknown> }[] = [];
  const queueOf = (name: QueueName): Queue => {
    const queue = new Queue(name, { connection: reader, prefix: settings.prefix });
    opened.push(queue);
    return queue;
  };

  afterAll(async () => {
    for (const name of Object.values(QueueName))
      await new Queue(name, { connection: reader, prefix: settings.prefix }).obliterate({ force: true });
    await Promise.all(opened.map((o) => o.close()));
    await producer.close();
    reader.disconnect();
  });

  it('names every job once, with a queue, and derives job ids BullMQ accepts', () => {
    expect(new Set(JOBS.map((j) => j.name)).size).toBe(JOBS.length);
    expect(jobIdFor('incidents', '0193')).toBe('incidents-0193');
    expect(jobIdFor('incidents', '0193')).not.toMatch(/:/);
  });

  it('keeps what stays inside the system for about a day of tries, and backs off to a cap', () => {
    expect(ClientReportDeliveryOutcome.attempts).toBe(UNTIL_IT_WORKS.attempts);
    expect(ClientReportRequested.attempts).toBe(UNTIL_IT_WORKS.attempts);
    const waits = Array.from({ length: UNTIL_IT_WORKS.attempts }, (_, i) => backoffDelay(UNTIL_IT_WORKS.backoff, i + 1));
    expect(waits.slice(0, 3)).toEqual([1_000, 2_000, 4_000]);
    expect(Math.max(...waits)).toBe(60_000);
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThan(24 * 3600 * 1000);
  });

  it('refuses to start a consumer that lacks a handler for a job on its queue, or has one for another queue', () => {
    expect(() => startConsumer(QueueName.CONTRACTS_EVENTS, [], settings, log)).toThrow(
      /needs exactly one handler for each of \[client-report.requested,client-reports.overdue-due\]/,
    );
    expect(() =>
      startConsumer(
        QueueName.CONTRACTS_EVENTS,
        [handle(ClientReportRequested, async () => undefined), handle(ClientReportDelivery, async () => undefined)],
        settings,
        log,
      ),
    ).toThrow(/needs exactly one handler/);
  });

  it("enqueues only a valid payload, with the definition's attempts and a job id from the producer and the event", async () => {
    const eventId = newId();
    await expect(
      producer.enqueue(ClientReportRequested, {
        eventId,
        occurredAt: new Date().toISOString(),
        trace: null,
        payload: { ...request(), article: 'Art 1' as never },
      }),
    ).rejects.toThrow();
    const payload = request();
    await producer.enqueue(ClientReportRequested, { eventId, occurredAt: '2026-11-20T03:00:00.000Z', trace: null, payload });
    const job = await queueOf(QueueName.CONTRACTS_EVENTS).getJob(`tests-${eventId}`);
    expect(job?.name).toBe('client-report.requested');
    expect(job?.opts.attempts).toBe(ClientReportRequested.attempts);
    expect(job?.data).toEqual({ eventId, occurredAt: '2026-11-20T03:00:00.000Z', trace: null, payload });
  });

  it("hands the handler the envelope's fields typed, and fails without retrying an envelope or payload that does not parse", async () => {
    const seen: { payload: unknown; ctx: Pick<JobContext, 'eventId' | 'occurredAt' | 'trace' | 'jobId'> }[] = [];
    const worker = startConsumer(
      QueueName.DELIVERY_RESULTS,
      [handle(ClientReportDeliveryOutcome, async (payload, ctx) => void seen.push({ payload, ctx }))],
      settings,
      log,
    );
    opened.push(worker);
    // BullMQ leaves a connection it was given open: this one is closed with the events.
    const eventsConnection = createRedis(REDIS, 'worker');
    const events = new QueueEvents(QueueName.DELIVERY_RESULTS, { connection: eventsConnection, prefix: settings.prefix });
    opened.push({
      close: async () => {
        await events.close();
        eventsConnection.disconnect();
      },
    });
    await events.waitUntilReady();
    const queue = queueOf(QueueName.DELIVERY_RESULTS);
    const eventId = newId();
    const payload = outcome();
    await producer.enqueue(ClientReportDeliveryOutcome, { eventId, occurredAt: '2026-11-20T03:01:00.000Z', trace: '00-1-2-01', payload });
    await (await queue.getJob(`tests-${eventId}`))!.waitUntilFinished(events);
    expect(seen).toEqual([
      {
        payload,
        ctx: expect.objectContaining({ eventId, occurredAt: '2026-11-20T03:01:00.000Z', trace: '00-1-2-01', jobId: `tests-${eventId}` }),
      },
    ]);

    // Written by hand, past enqueue: what a foreign or older producer might leave.
    const bad = await queue.add(
      ClientReportDeliveryOutcome.name,
      { eventId: newId(), occurredAt: 'then', trace: null, payload },
      { jobId: `t-${newId()}`, attempts: 5 },
    );
    await expect(bad.waitUntilFinished(events)).rejects.toThrow(/invalid envelope/);
    expect((await queue.getJob(bad.id!))?.attemptsMade).toBe(1);
    // The next test consumes this queue with a handler of its own.
    await worker.close();
  });

  it('keeps trying an outcome far past the old queue default of 8 tries, until its consumer can record it', async () => {
    let failuresLeft = 20;
    const recorded: string[] = [];
    const worker = startConsumer(
      QueueName.DELIVERY_RESULTS,
      [
        handle(ClientReportDeliveryOutcome, async (payload) => {
          // contracts' database away: every try fails until it is back.
          if (failuresLeft > 0) {
            failuresLeft -= 1;
            throw new Error('contracts cannot record the outcome now');
          }
          recorded.push(payload.reportId);
        }),
      ],
      settings,
      log,
    );
    opened.push(worker);
    const payload = outcome();
    const eventId = newId();
    await producer.enqueue(ClientReportDeliveryOutcome, { eventId, occurredAt: payload.at, trace: null, payload });
    const deadline = Date.now() + 60_000;
    while (recorded.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(recorded).toEqual([payload.reportId]);
    const job = await queueOf(QueueName.DELIVERY_RESULTS).getJob(`tests-${eventId}`);
    expect(job?.attemptsMade).toBe(21);
  }, 90_000);
});
