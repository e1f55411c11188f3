/**
 * The worker: BullMQ consumers that need no database. createApp starts it in-process; its HTTP
 * port serves health and Prometheus metrics only.
 */
import type { Worker } from 'bullmq';
import { CredentialIssuer, ServiceClient, answers, createLogger, startHealthServer, systemClock } from '@azukari/common';
import { ClientReportDelivery, QueueName, createProducer, handle, startConsumer } from '@azukari/jobs';
import { documentConsumer } from './documents/document-consumer';
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
  const metrics = createMetrics();
  const services = new ServiceClient(new CredentialIssuer('worker', config.signingKey), config.serviceUrls);

  const consumers: Worker[] = [
    startConsumer(
      QueueName.DELIVERIES,
      [handle(ClientReportDelivery, deliverClientReport({ services, producer, clock, metrics, timeoutMs: config.deliveryTimeoutMs }))],
      settings,
      log,
    ),
    // Documents: PDF renders on their own queue, one at a time (documents/document-consumer.ts).
    documentConsumer({ config, services, clock, settings, log }),
  ];
  const http = await startHealthServer({
    name: 'worker',
    port: config.port,
    host: config.host,
    readiness: async () => ({
      redis: await answers(producer.redis.ping()),
      consumers: consumers.every((w) => w.isRunning()),
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
      await Promise.all(consumers.map((w) => w.close()));
      await producer.close();
    },
  };
};
