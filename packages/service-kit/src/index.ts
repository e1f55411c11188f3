import 'reflect-metadata';

export * from './connection';
export * from './errors';
export * from './federation';
export * from './feature';
export * from './guards';
export * from './http-service';
export * from './idempotency';
export * from './internal-routes';
export * from './scalars';
export * from './service-core';
export * from './subgraph';
export { ServiceClient } from '@azukari/common';
export { closeOnSignals } from '@azukari/common';
export * from './audit-trail';
