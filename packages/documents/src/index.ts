export * from './document-store';
export * from './document-store.config';
export * from './local-document-store';
export * from './s3-document-store';
export { spoolToFile, verifying, type Spooled } from './hashing';
