export * from './databases';
export * from './graphql-client';
export * from './keys';
export * from './redis-server';
export * from './mariadb-server';
export * from './principals';
export * from './stand-in';
export * from './captured-log';
