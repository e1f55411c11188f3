/**
 * Makes MariaDB read a query along the named index. A keyset page (`contractId = ? AND id > ?
 * ORDER BY id LIMIT n`) over an index on (contractId, id) should be a range from the cursor on, but
 * MariaDB 10.11 plans a `ref` on contractId alone for it and reads the contract's index entries from
 * the first until it passes the cursor: 80 ms for a page deep in a contract of 700,000 assets
 * against 0.6 ms as a range (docs/BENCHMARKS.md). Only FORCE INDEX gets the range; USE INDEX does
 * not, and TypeORM writes only USE INDEX, so its hint is turned into FORCE here.
 */
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export const forceIndex = <E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, index: string): SelectQueryBuilder<E> => {
  qb.useIndex(index);
  const written = qb.getQuery.bind(qb);
  qb.getQuery = () => {
    const sql = written();
    if (!sql.includes(' USE INDEX (')) throw new Error(`no index hint to force in: ${sql}`);
    return sql.replace(' USE INDEX (', ' FORCE INDEX (');
  };
  return qb;
};
