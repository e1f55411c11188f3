/**
 * `pnpm db:migrate` for one service: reads only the database settings (migrating needs no keys),
 * creates the database if missing and applies pending migrations under the lock.
 */
import { createLogger, databaseSettings, databaseUrlFrom, parseEnv, type SubgraphName } from '@azukari/common';
import type { DataSource } from 'typeorm';
import { ensureDatabase, redactUrl } from './data-source';
import { runMigrationsLocked } from './migrate-locked';

export const runMigrateCommand = (service: SubgraphName, make: (url: string) => DataSource): void => {
  const log = createLogger(`${service}-migrate`);
  const run = async () => {
    const url = databaseUrlFrom(service, parseEnv(databaseSettings(service)));
    await ensureDatabase(url);
    const dataSource = make(url);
    await dataSource.initialize();
    try {
      const applied = await runMigrationsLocked(dataSource);
      log.info({ database: redactUrl(url), applied: applied.map((m) => m.name) }, 'migrations applied');
    } finally {
      await dataSource.destroy();
    }
  };
  run().catch((error: unknown) => {
    log.fatal({ err: error }, 'migration failed');
    process.exit(1);
  });
};
