export * from './api-token';
export * from './clock';
export * from './config';
export * from './credentials';
export * from './errors';
export * from './ids';
export * from './logging';
export * from './principal';
