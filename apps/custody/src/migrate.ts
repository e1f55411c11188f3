/** `pnpm db:migrate`: creates the database if missing and applies pending migrations. */
import { createLogger } from '@azukari/common';
import { ensureDatabase, redactUrl, runMigrationsLocked } from '@azukari/db';
import { loadCustodyConfig } from './config';
import { custodyDataSource } from './data-source';

const log = createLogger('custody-migrate');
const run = async () => {
  const { mysqlUrl } = loadCustodyConfig();
  await ensureDatabase(mysqlUrl);
  const dataSource = custodyDataSource(mysqlUrl);
  await dataSource.initialize();
  const applied = await runMigrationsLocked(dataSource);
  log.info({ database: redactUrl(mysqlUrl), applied: applied.map((m) => m.name) }, 'migrations applied');
  await dataSource.destroy();
};
run().catch((error: unknown) => {
  log.fatal({ err: error }, 'migration failed');
  process.exit(1);
});
