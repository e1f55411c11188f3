import { ConfigError } from '@azukari/common';
import { loadWorkerConfig } from './config';

const signingKey = JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'x', d: 'd', kid: 'worker/1' });

describe('worker settings', () => {
  it('refuses to start in production without an SMTP relay, naming the setting', () => {
    expect(() => loadWorkerConfig({ NODE_ENV: 'production', AZUKARI_SIGNING_KEY: signingKey })).toThrow(ConfigError);
    expect(() => loadWorkerConfig({ NODE_ENV: 'production', AZUKARI_SIGNING_KEY: signingKey })).toThrow(
      /AZUKARI_SMTP_URL: required in production/,
    );
    expect(
      loadWorkerConfig({ NODE_ENV: 'production', AZUKARI_SIGNING_KEY: signingKey, AZUKARI_SMTP_URL: 'smtp://relay.example:587' }).mail
        .smtpUrl,
    ).toBe('smtp://relay.example:587');
  });

  it('reads the webhook allow-list by address and port, and refuses an entry without a port', () => {
    const config = loadWorkerConfig({ AZUKARI_SIGNING_KEY: signingKey, AZUKARI_WEBHOOK_ALLOW: '127.0.0.1:32768-65535, 10.0.0.0/8:443' });
    expect(config.webhookAllowList).toEqual([
      { address: '127.0.0.1', fromPort: 32768, toPort: 65535 },
      { address: '10.0.0.0/8', fromPort: 443, toPort: 443 },
    ]);
    expect(loadWorkerConfig({ AZUKARI_SIGNING_KEY: signingKey }).webhookAllowList).toEqual([]);
    expect(() => loadWorkerConfig({ AZUKARI_SIGNING_KEY: signingKey, AZUKARI_WEBHOOK_ALLOW: '127.0.0.1' })).toThrow(
      /AZUKARI_WEBHOOK_ALLOW/,
    );
  });
});
