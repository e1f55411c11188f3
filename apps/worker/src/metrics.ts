/** The worker's Prometheus metrics, on its own registry (tests boot several workers in one process). */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface WorkerMetrics {
  registry: Registry;
  deliveries: Counter<'channel' | 'outcome'>;
  deliverySeconds: Histogram<'channel'>;
}

export const createMetrics = (): WorkerMetrics => {
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
  };
};
