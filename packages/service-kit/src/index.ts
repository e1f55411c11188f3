import 'reflect-metadata';

export * from './connection';
export * from './errors';
export * from './federation';
export * from './guards';
export * from './http-service';
export * from './scalars';
export { ServiceClient } from '@azukari/common';
export { closeOnSignals } from '@azukari/common';
