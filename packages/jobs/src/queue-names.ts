/** The queues, each named once. */
export const QueueName = {
  /** Domain events that contracts consumes (it records client reports). */
  CONTRACTS_EVENTS: 'contracts-events',
  /** Domain events that personnel consumes (custodianships that follow custody's writes). */
  PERSONNEL_EVENTS: 'personnel-events',
  /** Client report deliveries, consumed by the worker. */
  DELIVERIES: 'deliveries',
  /** Delivery outcomes, consumed by contracts. */
  DELIVERY_RESULTS: 'delivery-results',
  /** The schedules' tick (a BullMQ job scheduler), consumed by the worker: see schedules.ts. */
  SCHEDULES: 'schedules',
  /** Document renders (PDF), consumed by the worker: CPU-heavy, one at a time per worker. */
  DOCUMENTS: 'documents',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];
