/**
 * The worker: BullMQ consumers that need no database. createApp starts it in-process; its HTTP
 * port serves health and Prometheus metrics only.
 */
import type { Worker } from 'bullmq';
import { CredentialIssuer, ServiceClient, answers, createLogger, startHealthServer, systemClock } from '@azukari/common';
import {
  ClientReportDelivery,
  QueueName,
  SCHEDULES,
  createProducer,
  handle,
  openQueue,
  requireNoEviction,
  startConsumer,
  startSchedules,
} from '@azukari/jobs';
import type { WorkerConfig } from './config';
import { createMetrics } from './metrics';
import { deliverClientReport } from './jobs/deliver-client-report.processor';

export { loadWorkerConfig, type WorkerConfig } from './config';

export interface WorkerApp {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const createApp = async (config: WorkerConfig): Promise<WorkerApp> => {
  const log = config.log ?? createLogger('worker');
  const clock = config.clock ?? systemClock;
  const settings = { redisUrl: config.redisUrl, prefix: config.queuePrefix, backoffScale: config.backoffScale };
  const producer = createProducer('worker', settings, log);
  try {
    await requireNoEviction(producer.redis, log);
  } catch (error) {
    await producer.close();
    throw error;
  }
  // Operations: every queue counted at each scrape, on the producer's connection (fails fast).
  const counted = Object.values(QueueName).map((name) => openQueue(name, settings, producer.redis));
  const metrics = createMetrics(() => counted);
  const services = new ServiceClient(new CredentialIssuer('worker', config.signingKey), config.serviceUrls);

  const consumers: Worker[] = [
    startConsumer(
      QueueName.DELIVERIES,
      [handle(ClientReportDelivery, deliverClientReport({ services, producer, clock, metrics, timeoutMs: config.deliveryTimeoutMs }))],
      settings,
      log,
      { observer: metrics.queues.observer },
    ),
  ];
  // Schedules tick here (see @azukari/jobs schedules.ts), on the injectable clock.
  const schedules = await startSchedules({ schedules: config.schedules ?? SCHEDULES, settings, clock, log, tickMs: config.scheduleTickMs });
  const http = await startHealthServer({
    name: 'worker',
    port: config.port,
    host: config.host,
    readiness: async () => ({
      redis: await answers(producer.redis.ping()),
      consumers: consumers.every((w) => w.isRunning()) && schedules.worker.isRunning(),
    }),
    routes: {
      '/metrics': async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    },
  });

  return {
    url: http.url,
    port: http.port,
    close: async () => {
      await http.close();
      await Promise.all([schedules.close(), ...consumers.map((w) => w.close())]);
      await Promise.all(counted.map((q) => q.close()));
      await producer.close();
    },
  };
};
