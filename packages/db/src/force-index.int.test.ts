/** forceIndex against the real MariaDB: the statement TypeORM sends is read along the named index. */
import { randomBytes } from 'node:crypto';
import { newId } from '@azukari/common';
import { createDataSource, dropDatabase, ensureDatabase } from './data-source';
import { forceIndex } from './force-index';
import { OutboxEventEntity } from './outbox';

const SERVER = process.env.AZUKARI_TEST_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306';

describe('forceIndex', () => {
  const url = `${SERVER}/azt_fi_${randomBytes(4).toString('hex')}`;
  const dataSource = createDataSource({ url, entities: [OutboxEventEntity] });
  const ids = Array.from({ length: 5 }, () => newId());

  beforeAll(async () => {
    await ensureDatabase(url);
    await dataSource.initialize();
    await dataSource.synchronize();
    for (const id of ids) {
      await dataSource.query('INSERT INTO outbox_event (id, type, payload, createdAt, attempts) VALUES (?, ?, ?, NOW(3), 0)', [
        id,
        't',
        '{}',
      ]);
    }
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabase(url);
  });

  const pending = () =>
    dataSource.manager
      .createQueryBuilder(OutboxEventEntity, 'e')
      .where('e.publishedAt IS NULL')
      .andWhere('e.id > :after', { after: ids[1] })
      .orderBy('e.id', 'ASC')
      .limit(2);

  it('reads the rows a plain query reads, through FORCE INDEX on the named index', async () => {
    const forced = forceIndex(pending(), 'IDX_outbox_event_pending');
    expect(forced.getQuery()).toContain('FORCE INDEX (`IDX_outbox_event_pending`)');
    expect((await forced.getMany()).map((e) => e.id)).toEqual((await pending().getMany()).map((e) => e.id));
    expect((await forced.getMany()).map((e) => e.id)).toEqual(ids.slice(2, 4));
    const [sql, parameters] = forced.getQueryAndParameters();
    const [plan] = (await dataSource.query(`EXPLAIN ${sql}`, parameters)) as { key: string }[];
    expect(plan?.key).toBe('IDX_outbox_event_pending');
  });
});
