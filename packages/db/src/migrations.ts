/**
 * Loads a service's generated migrations from its folder, in timestamp order, whether it runs
 * from TypeScript (tests) or from dist (production): generated files are never hand-listed.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const MIGRATION_FILE = /^\d{13}-[A-Za-z0-9]+\.(js|ts)$/;

export const loadMigrations = (dir: string): Function[] =>
  !existsSync(dir)
    ? []
    : readdirSync(dir)
        .filter((file) => MIGRATION_FILE.test(file) && !file.endsWith('.d.ts'))
        .sort()
        .flatMap((file) => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const mod = require(join(dir, file)) as Record<string, unknown>;

          return Object.values(mod).filter((value): value is Function => typeof value === 'function');
        });
