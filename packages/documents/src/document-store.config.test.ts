/** The store's configuration: local by default, S3-compatible when asked, every problem named. */
import { resolve } from 'node:path';
import { ConfigError } from '@azukari/common';
import { LocalDocumentStore, S3DocumentStore, createDocumentStore, loadDocumentStoreConfig, s3ClientConfig } from './index';

describe('document store configuration', () => {
  it('stores under .azukari/documents of the working directory when nothing is set', () => {
    const config = loadDocumentStoreConfig({});
    expect(config).toEqual({ kind: 'local', dir: resolve('.azukari/documents') });
    expect(createDocumentStore(config)).toBeInstanceOf(LocalDocumentStore);
  });

  it('reads every S3 setting', () => {
    const config = loadDocumentStoreConfig({
      AZUKARI_DOCUMENTS_STORE: 's3',
      AZUKARI_S3_ENDPOINT: 'http://127.0.0.1:9000',
      AZUKARI_S3_REGION: 'ap-northeast-1',
      AZUKARI_S3_BUCKET: 'azukari-documents',
      AZUKARI_S3_PREFIX: 'prod/',
      AZUKARI_S3_FORCE_PATH_STYLE: 'true',
      AZUKARI_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      AZUKARI_S3_SECRET_ACCESS_KEY: 'secret-example',
    });
    expect(config).toEqual({
      kind: 's3',
      endpoint: 'http://127.0.0.1:9000',
      region: 'ap-northeast-1',
      bucket: 'azukari-documents',
      prefix: 'prod/',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret-example' },
    });
    expect(createDocumentStore(config)).toBeInstanceOf(S3DocumentStore);
    if (config.kind !== 's3') throw new Error('expected s3');
    expect(s3ClientConfig(config)).toMatchObject({ endpoint: 'http://127.0.0.1:9000', forcePathStyle: true, region: 'ap-northeast-1' });
  });

  it('names every problem at once', () => {
    let thrown: unknown;
    try {
      loadDocumentStoreConfig({ AZUKARI_DOCUMENTS_STORE: 's3', AZUKARI_S3_ACCESS_KEY_ID: 'only-one', AZUKARI_S3_PREFIX: 'no-slash' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual([expect.stringMatching(/^AZUKARI_S3_PREFIX: must be empty or end with \//)]);

    expect(() => loadDocumentStoreConfig({ AZUKARI_DOCUMENTS_STORE: 's3', AZUKARI_S3_ACCESS_KEY_ID: 'only-one' })).toThrow(
      /AZUKARI_S3_BUCKET: is required when AZUKARI_DOCUMENTS_STORE=s3[\s\S]*set both, or neither/,
    );
    expect(() => loadDocumentStoreConfig({ AZUKARI_DOCUMENTS_STORE: 'ftp' })).toThrow(/AZUKARI_DOCUMENTS_STORE/);
  });
});
