/** `pnpm db:migrate`: creates the database if missing and applies pending migrations. */
import { runMigrateCommand } from '@azukari/db';
import { incidentsDataSource } from './data-source';

runMigrateCommand('incidents', (url) => incidentsDataSource(url));
