/** `pnpm db:migrate`: creates the database if missing and applies pending migrations. */
import { runMigrateCommand } from '@azukari/db';
import { contractsDataSource } from './data-source';

runMigrateCommand('contracts', (url) => contractsDataSource(url));
