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
  /**
   * Domain events that custody consumes (a contract's end, after which its data is returned or
   * disposed of under Art 9). Custody takes them up from a later issue on; until then they wait
   * here, in Redis, kept and not lost.
   */
  CUSTODY_EVENTS: 'custody-events',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];
