export * from './databases';
export * from './graphql-client';
export * from './keys';
export * from './redis-server';
export * from './mariadb-server';
export * from './principals';
export * from './stand-in';
export * from './captured-log';
/** newX (unsaved input) and createX (saved through the API), as factories.newClient, factories.createClient... */
export * as factories from './factories';
export * from './acting';
export * from './smtp-receiver';
