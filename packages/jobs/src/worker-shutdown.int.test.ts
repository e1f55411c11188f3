/**
 * A worker's close against the real Redis: a job that finishes within the grace completes once; a
 * job that outlasts it goes back to waiting at once and another worker takes it up well before the
 * queue's stall detection would have.
 */
import { randomBytes } from 'node:crypto';
import { Queue, type Job } from 'bullmq';
import { createLogger } from '@azukari/common';
import { QueueName } from './queue-names';
import { QUEUE_LOCKS } from './queue-locks';
import { createRedis, openWorker, type QueueSettings } from './queues';

const REDIS = process.env.AZUKARI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = createLogger('jobs', 'silent');
const QUEUE = QueueName.DELIVERIES;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const waitFor = async (probe: () => boolean, what: string, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
};

describe('a worker shutting down', () => {
  const reader = createRedis(REDIS, 'producer');
  const prefixes: string[] = [];
  const fresh = (): { settings: QueueSettings; queue: Queue } => {
    const prefix = `{azt-close-${randomBytes(4).toString('hex')}}`;
    prefixes.push(prefix);
    return { settings: { redisUrl: REDIS, prefix }, queue: new Queue(QUEUE, { connection: reader, prefix }) };
  };

  afterAll(async () => {
    for (const prefix of prefixes) await new Queue(QUEUE, { connection: reader, prefix }).obliterate({ force: true });
    reader.disconnect();
  });

  it('lets a job that ends within the grace finish, once, before it closes', async () => {
    const { settings, queue } = fresh();
    const runs: string[] = [];
    const worker = openWorker(
      QUEUE,
      settings,
      async (job: Job) => {
        runs.push(String(job.id));
        await sleep(1_000);
      },
      { closeGraceMs: 5_000 },
      log,
    );
    await queue.add('test', {}, { jobId: 'short-1' });
    await waitFor(() => runs.length === 1, 'the job to start');

    const closedAfter = Date.now();
    await worker.close();
    expect(Date.now() - closedAfter).toBeLessThan(3_000);
    expect(await queue.getJobState('short-1')).toBe('completed');
    expect(runs).toEqual(['short-1']);
    await queue.close();
  });

  it('gives a job that outlasts the grace back at once, and another worker takes it up long before a stall check would', async () => {
    const { settings, queue } = fresh();
    const started: { worker: string; at: number }[] = [];
    let stopLong = false;
    let abortedOnClose = false;
    const longJob = (worker: string) => async (_job: Job, _token?: string, signal?: AbortSignal) => {
      started.push({ worker, at: Date.now() });
      signal?.addEventListener('abort', () => (abortedOnClose = true));
      if (worker === 'first') while (!stopLong) await sleep(50);
    };
    const first = openWorker(QUEUE, settings, longJob('first'), { closeGraceMs: 500 }, log);
    await queue.add('test', {}, { jobId: 'long-1', attempts: 3 });
    await waitFor(() => started.length === 1, 'the first worker to take the job');
    // The second worker is there all along, but the job is the first's until it is given back.
    const second = openWorker(QUEUE, settings, longJob('second'), {}, log);
    await second.waitUntilReady();

    const closing = Date.now();
    await first.close();
    await waitFor(() => started.length === 2, 'the second worker to take the job up');
    const takenUpAfterMs = started[1]!.at - closing;
    stopLong = true;

    // Given back after the 500 ms grace; a stall check would have taken lock + interval (8 s).
    expect(started.map((s) => s.worker)).toEqual(['first', 'second']);
    expect(takenUpAfterMs).toBeLessThan(1_500);
    expect(QUEUE_LOCKS[QUEUE].lockDurationMs + QUEUE_LOCKS[QUEUE].stalledIntervalMs).toBeGreaterThan(5 * takenUpAfterMs);
    expect(abortedOnClose).toBe(true);

    await second.close();
    expect(await queue.getJobState('long-1')).toBe('completed');
    // Given back is not a failed try: no failure was recorded on the job.
    expect((await queue.getJob('long-1'))?.failedReason).toBeFalsy();
    process.stdout.write(`a job outlasting a 500 ms close grace was taken up by another worker ${takenUpAfterMs} ms after close began\n`);
    await queue.close();
  });
});
