export * from './columns';
export * from './data-source';
export * from './outbox';
export * from './outbox-relay';
export * from './processed-event';
export * from './query-counter';
export * from './tenant-scope';
export * from './migrations';
