import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Structured logs; secrets and tokens are redacted wherever they appear in a logged object. */
export const createLogger = (service: string, level = process.env.AZUKARI_LOG_LEVEL ?? 'info'): Logger =>
  pino({
    name: service,
    level,
    redact: {
      paths: ['*.authorization', '*.token', '*.secret', '*.signingSecret', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
