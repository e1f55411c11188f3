export * from './job';
export * from './queue-names';
export * from './queue-locks';
export * from './catalog';
export * from './consumer';
export * from './queues';
