import { parseEnv, setting } from './config';
import { ConfigError } from './errors';
import { DEV_ADMIN_TOKEN } from './api-token';

describe('configuration', () => {
  const shape = {
    AZUKARI_PORT: setting.port(4000),
    AZUKARI_REDIS_URL: setting.redisUrl('redis://127.0.0.1:6379'),
    AZUKARI_QUEUE_PREFIX: setting.queuePrefix(),
    AZUKARI_ADMIN_TOKEN: setting.apiToken().optional(),
    AZUKARI_SECRET: setting.secret(32),
  };

  it('applies defaults and parses values', () => {
    const config = parseEnv(shape, { AZUKARI_SECRET: 'x'.repeat(32), AZUKARI_PORT: '4100', AZUKARI_ADMIN_TOKEN: DEV_ADMIN_TOKEN });
    expect(config).toEqual({
      AZUKARI_PORT: 4100,
      AZUKARI_REDIS_URL: 'redis://127.0.0.1:6379',
      AZUKARI_QUEUE_PREFIX: '{azukari}',
      AZUKARI_ADMIN_TOKEN: DEV_ADMIN_TOKEN,
      AZUKARI_SECRET: 'x'.repeat(32),
    });
  });

  it('names every missing or malformed setting at once', () => {
    let error: unknown;
    try {
      parseEnv(shape, { AZUKARI_PORT: 'eighty', AZUKARI_QUEUE_PREFIX: 'azukari', AZUKARI_ADMIN_TOKEN: 'azk_nope' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/AZUKARI_PORT/);
    expect(problems).toMatch(/AZUKARI_QUEUE_PREFIX: must be a Redis hash tag/);
    expect(problems).toMatch(/AZUKARI_ADMIN_TOKEN: is not a well-formed/);
    expect(problems).toMatch(/AZUKARI_SECRET: is required/);
  });
});
