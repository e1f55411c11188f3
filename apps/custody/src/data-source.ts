/** The data source TypeORM's CLI uses to generate and check migrations (scripts/migrations.mjs). */
import { createDataSource, loadMigrations } from '@azukari/db';
import { join } from 'node:path';
import { ENTITIES } from './entities';

export const MIGRATIONS_DIR = join(__dirname, 'migrations');

export const custodyDataSource = (url: string, logger?: Parameters<typeof createDataSource>[0]['logger']) =>
  createDataSource({ url, entities: ENTITIES, migrations: loadMigrations(MIGRATIONS_DIR), ...(logger ? { logger } : {}) });

export default custodyDataSource(process.env.AZUKARI_DATA_SOURCE_URL ?? 'mariadb://root@127.0.0.1:3306/azukari_custody');
