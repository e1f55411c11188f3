import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { createLogger, newId } from '@azukari/common';
import { ClientReportDelivery, IncidentReported, JOBS, jobIdFor } from './catalog';
import { handle, startConsumer } from './consumer';
import { QueueName, createRedis } from './queues';

const REDIS = process.env.AZUKARI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = createLogger('jobs', 'silent');

describe('job catalog and consumers', () => {
  const settings = { redisUrl: REDIS, prefix: `{azt-jobs-${randomBytes(4).toString('hex')}}` };

  it('names every job once, with a queue', () => {
    expect(new Set(JOBS.map((j) => j.name)).size).toBe(JOBS.length);
    expect(jobIdFor('incidents', '0193')).toBe('incidents-0193');
    expect(jobIdFor('incidents', '0193')).not.toMatch(/:/);
  });

  it('refuses to start a consumer that lacks a handler for a job on its queue, or has one for another queue', () => {
    expect(() => startConsumer(QueueName.CONTRACTS_EVENTS, [], settings, log)).toThrow(
      /needs exactly one handler for each of \[incident.reported\]/,
    );
    expect(() =>
      startConsumer(
        QueueName.CONTRACTS_EVENTS,
        [handle(IncidentReported, async () => undefined), handle(ClientReportDelivery, async () => undefined)],
        settings,
        log,
      ),
    ).toThrow(/needs exactly one handler/);
  });

  it('hands a parsed payload to the handler and fails, without retrying, a payload that does not parse', async () => {
    const seen: unknown[] = [];
    const worker = startConsumer(
      QueueName.CONTRACTS_EVENTS,
      [handle(IncidentReported, async (payload) => void seen.push(payload))],
      settings,
      log,
    );
    const producer = createRedis(REDIS, 'producer');
    const queue = new Queue(QueueName.CONTRACTS_EVENTS, { connection: producer, prefix: settings.prefix });
    const eventsConnection = createRedis(REDIS, 'worker');
    const events = new QueueEvents(QueueName.CONTRACTS_EVENTS, { connection: eventsConnection, prefix: settings.prefix });
    try {
      await events.waitUntilReady();
      const payload = {
        incidentId: newId(),
        kind: 'LOSS',
        certainty: 'CONFIRMED',
        detectedAt: '2026-11-20T03:00:00.000Z',
        affected: [{ clientId: newId(), contractIds: [newId()] }],
      };
      const good = await queue.add(IncidentReported.name, { eventId: newId(), payload }, { jobId: jobIdFor('t', newId()) });
      await good.waitUntilFinished(events);
      expect(seen).toEqual([payload]);

      const bad = await queue.add(
        IncidentReported.name,
        { eventId: newId(), payload: { incidentId: 'nope' } },
        { jobId: jobIdFor('t', newId()), attempts: 5 },
      );
      await expect(bad.waitUntilFinished(events)).rejects.toThrow(/invalid payload/);
      expect((await queue.getJob(bad.id!))?.attemptsMade).toBe(1);
    } finally {
      await worker.close();
      await events.close();
      eventsConnection.disconnect();
      await queue.obliterate({ force: true });
      await queue.close();
      producer.disconnect();
    }
  });
});
