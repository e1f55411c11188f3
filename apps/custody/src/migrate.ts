/** `pnpm db:migrate`: creates the database if missing and applies pending migrations. */
import { runMigrateCommand } from '@azukari/db';
import { custodyDataSource } from './data-source';

runMigrateCommand('custody', (url) => custodyDataSource(url));
