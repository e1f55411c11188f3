/** The worker's Prometheus metrics, on its own registry (tests boot several workers in one process). */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queue } from 'bullmq';
import { registerQueueMetrics, type QueueMetrics } from '@azukari/jobs';

export interface WorkerMetrics {
  registry: Registry;
  deliveries: Counter<'channel' | 'outcome'>;
  deliverySeconds: Histogram<'channel'>;
  /** Every queue's counts at each scrape, and the latency of the queues this worker consumes. */
  queues: QueueMetrics;
}

/** `counted`: the queues whose counts each scrape reads (every queue: the worker is where they are watched). */
export const createMetrics = (counted: () => readonly Queue[] = () => []): WorkerMetrics => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'azukari_worker_' });
  return {
    registry,
    deliveries: new Counter({
      name: 'azukari_report_deliveries_total',
      help: 'Client report delivery attempts by outcome (delivered, retry, failed).',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    deliverySeconds: new Histogram({
      name: 'azukari_report_delivery_seconds',
      help: 'Time to deliver one client report, per attempt.',
      labelNames: ['channel'],
      registers: [registry],
    }),
    queues: registerQueueMetrics(registry, counted),
  };
};
