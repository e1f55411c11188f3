export * from './audited';
export * from './audit-entry.entity';
export * from './audit-chain';
export * from './audit-subscriber';
export * from './read-audit-batcher';
export * from './audit-command';
