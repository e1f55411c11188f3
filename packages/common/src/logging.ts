import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Structured logs; secrets and tokens are redacted wherever they appear in a logged object. */
/** `destination` is for tests that check what an operator would read; stdout otherwise. */
export const createLogger = (service: string, level = process.env.AZUKARI_LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger =>
  pino(
    {
      name: service,
      level,
      redact: {
        paths: ['*.authorization', '*.token', '*.secret', '*.signingSecret', 'req.headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
