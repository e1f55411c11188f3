/**
 * Runs pending migrations under a named database lock, so that replicas starting together (two
 * pods of one subgraph) migrate one after the other instead of racing on the same DDL.
 */
import type { DataSource, Migration } from 'typeorm';

export const runMigrationsLocked = async (dataSource: DataSource, timeoutSeconds = 120): Promise<Migration[]> => {
  const lock = `azukari_migrate_${String(dataSource.driver.database ?? 'default')}`.slice(0, 64);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [lock, timeoutSeconds])) as { got: number | string | null }[];
    if (Number(row?.got) !== 1) throw new Error(`could not take the migration lock ${lock} within ${timeoutSeconds} s`);
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [lock]);
    }
  } finally {
    await runner.release();
  }
};
