#!/usr/bin/env node
// Generates or checks a service's migrations with TypeORM's own generator, against a scratch
// database migrated to the latest committed migration:
//   node scripts/migrations.mjs generate <service> [Name]   writes src/migrations/<ts>-<Name>.ts
//   node scripts/migrations.mjs check <service>             fails if entities and migrations disagree
// Run from a built tree (the CLI loads dist/data-source.js).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { quietEnv } from './lib.mjs';

const [mode, service, name = 'Change'] = process.argv.slice(2);
if (!['generate', 'check'].includes(mode) || !service) {
  console.error('usage: migrations.mjs generate|check <service> [Name]');
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'apps', service);
const require = createRequire(join(app, 'package.json'));
const mysql = require('mysql2/promise');
const server = (process.env.AZUKARI_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306').replace(/\/$/, '');
const database = `azukari_migrations_${service}_${process.pid}`;
const env = { ...process.env, ...quietEnv, AZUKARI_DATA_SOURCE_URL: `${server}/${database}` };
const cli = join(app, 'node_modules', '.bin', 'typeorm');
const dataSource = join(app, 'dist', 'data-source.js');
if (!existsSync(dataSource)) {
  console.error(`${dataSource} is missing: build first (pnpm build).`);
  process.exit(2);
}

const connection = await mysql.createConnection(server.replace(/^mariadb:/, 'mysql:'));
await connection.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
let status = 0;
try {
  execFileSync(cli, ['migration:run', '-d', dataSource], { env, stdio: 'inherit', cwd: app });
  const args =
    mode === 'check'
      ? ['migration:generate', 'src/migrations/Check', '--check', '-d', dataSource]
      : ['migration:generate', `src/migrations/${name}`, '-d', dataSource];
  execFileSync(cli, args, { env, stdio: 'inherit', cwd: app });
  if (mode === 'check') console.log(`${service}: entities and migrations agree`);
} catch {
  if (mode === 'check')
    console.error(`${service}: entities and migrations disagree; run pnpm --filter @azukari/${service} migrations:generate`);
  status = 1;
} finally {
  await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await connection.end();
}
process.exit(status);
