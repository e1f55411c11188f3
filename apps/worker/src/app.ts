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
  WebhookEndpointDisabledNotice,
  createProducer,
  handle,
  openQueue,
  requireNoEviction,
  startConsumer,
  startSchedules,
} from '@azukari/jobs';
import { documentConsumer } from './documents/document-consumer';
import type { WorkerConfig } from './config';
import { createMetrics } from './metrics';
import { mailChannel } from './email/mail-channel';
import { createMailer } from './email/mailer';
import { deliverClientReport } from './jobs/deliver-client-report.processor';
import { sendEndpointDisabledNotice } from './jobs/endpoint-disabled-notice.processor';
import { EndpointLimiter } from './webhooks/endpoint-limiter';

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

  const mail = mailChannel(createMailer(config.mail), config.mail);
  const delivery = {
    services,
    producer,
    clock,
    metrics,
    mail,
    timeoutMs: config.deliveryTimeoutMs,
    limiter: new EndpointLimiter(config.perEndpointConcurrency),
    allowList: config.webhookAllowList,
  };

  const consumers: Worker[] = [
    startConsumer(
      QueueName.DELIVERIES,
      [
        handle(ClientReportDelivery, deliverClientReport(delivery)),
        handle(WebhookEndpointDisabledNotice, sendEndpointDisabledNotice(delivery)),
      ],
      settings,
      log,
      // Deliveries wait on endpoints and the mail server, not on this process: many at once, few per endpoint.
      { concurrency: config.deliveryConcurrency, observer: metrics.queues.observer },
    ),
    // Documents: PDF renders on their own queue, one at a time (documents/document-consumer.ts).
    documentConsumer({ config, services, clock, settings, log }),
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
      mail.close();
    },
  };
};
