/** A logger whose lines a test reads back as an operator would: parsed, in order. */
import { createLogger, type Logger } from '@azukari/common';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

export const capturedLogger = (service: string, level = 'info'): { log: Logger; lines: LogLine[] } => {
  const lines: LogLine[] = [];
  const log = createLogger(service, level, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { log, lines };
};
