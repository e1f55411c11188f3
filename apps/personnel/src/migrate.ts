/** `pnpm db:migrate`: creates the database if missing and applies pending migrations. */
import { createLogger } from '@azukari/common';
import { ensureDatabase, redactUrl, runMigrationsLocked } from '@azukari/db';
import { loadPersonnelConfig } from './config';
import { personnelDataSource } from './data-source';

const log = createLogger('personnel-migrate');
const run = async () => {
  const { mysqlUrl } = loadPersonnelConfig();
  await ensureDatabase(mysqlUrl);
  const dataSource = personnelDataSource(mysqlUrl);
  await dataSource.initialize();
  const applied = await runMigrationsLocked(dataSource);
  log.info({ database: redactUrl(mysqlUrl), applied: applied.map((m) => m.name) }, 'migrations applied');
  await dataSource.destroy();
};
run().catch((error: unknown) => {
  log.fatal({ err: error }, 'migration failed');
  process.exit(1);
});
