/** `pnpm db:migrate`: creates the database if missing and applies pending migrations. */
import { runMigrateCommand } from '@azukari/db';
import { personnelDataSource } from './data-source';

runMigrateCommand('personnel', (url) => personnelDataSource(url));
