/**
 * Data sources for one service's own database. TypeORM does not create databases (and its
 * createDatabase sets no charset, so a new database would inherit the server's default): we
 * create ours with an explicit charset and collation first.
 */
import 'reflect-metadata';
import { DataSource, type Logger as TypeOrmLogger, type MixedList } from 'typeorm';
import { TEXT_CHARSET, TEXT_COLLATION } from './columns';
import { runMigrationsLocked } from './migrate-locked';

export interface DatabaseSettings {
  /** mysql://user:password@host:port/database, or mariadb://... for a MariaDB server */
  url: string;
}

export const databaseNameOf = (url: string): string => {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) throw new Error(`database name missing or not [A-Za-z0-9_] in ${redactUrl(url)}`);
  return name;
};

export const serverUrlOf = (url: string): string => {
  const u = new URL(url);
  u.pathname = '/';
  return u.toString();
};

export const redactUrl = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

type EntityList = MixedList<Function | string>;

export interface DataSourceOptions extends DatabaseSettings {
  entities: EntityList;
  migrations?: EntityList;
  logger?: TypeOrmLogger;
  poolSize?: number;
}

/**
 * The URL's scheme names the server: `mariadb://` or `mysql://`. TypeORM reads the schema of the
 * two differently (MariaDB reports the default of a nullable column as the string 'NULL'), and
 * with the wrong dialect its migration check sees changes that are not there.
 */
export const dialectOf = (url: string): 'mariadb' | 'mysql' => (url.startsWith('mariadb:') ? 'mariadb' : 'mysql');

const asMysqlUrl = (url: string): string => url.replace(/^mariadb:/, 'mysql:');

export const createDataSource = (options: DataSourceOptions): DataSource =>
  new DataSource({
    type: dialectOf(options.url),
    url: asMysqlUrl(options.url),
    charset: 'utf8mb4',
    timezone: 'Z',
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    bigNumberStrings: true,
    entities: options.entities,
    migrations: options.migrations ?? [],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: options.logger ? 'all' : false,
    ...(options.logger ? { logger: options.logger } : {}),
    poolSize: options.poolSize ?? 10,
  });

/** CREATE DATABASE IF NOT EXISTS with utf8mb4 and utf8mb4_bin. */
export const ensureDatabase = async (url: string): Promise<void> => {
  const name = databaseNameOf(url);
  const server = new DataSource({ type: dialectOf(url), url: asMysqlUrl(serverUrlOf(url)) });
  await server.initialize();
  try {
    await server.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET ${TEXT_CHARSET} COLLATE ${TEXT_COLLATION}`);
  } finally {
    await server.destroy();
  }
};

export const dropDatabase = async (url: string): Promise<void> => {
  const name = databaseNameOf(url);
  const server = new DataSource({ type: dialectOf(url), url: asMysqlUrl(serverUrlOf(url)) });
  await server.initialize();
  try {
    await server.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await server.destroy();
  }
};

/**
 * A service's own database, ready to use: created if missing (with our charset and collation)
 * and migrated under the lock when `migrate` is set, then initialised.
 */
export const openServiceDatabase = async (url: string, migrate: boolean, make: (url: string) => DataSource): Promise<DataSource> => {
  if (migrate) await ensureDatabase(url);
  const dataSource = make(url);
  await dataSource.initialize();
  if (migrate) await runMigrationsLocked(dataSource);
  return dataSource;
};
