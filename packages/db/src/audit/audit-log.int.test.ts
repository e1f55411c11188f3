/** The audit hook, chains and their verification against the real MySQL. */
import { randomBytes } from 'node:crypto';
import { Entity } from 'typeorm';
import { TestClock, createLogger, newAccessContext, newId, runAs, type AccessContext } from '@azukari/common';
import { IdColumn, PrimaryIdColumn, TextColumn } from '../columns';
import { createDataSource, dropDatabase, ensureDatabase } from '../data-source';
import { Audited, OPERATOR_CHAIN, assertAuditDeclared } from './audited';
import { AuditChainHeadEntity, AuditEntryEntity } from './audit-entry.entity';
import { verifyChain } from './audit-chain';
import { AuditSubscriber } from './audit-subscriber';
import { ReadAuditBatcher } from './read-audit-batcher';

@Entity({ name: 'note' })
@Audited('Note', { client: 'clientId' })
class NoteEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  clientId!: string;

  @TextColumn(100)
  text!: string;
}

@Entity({ name: 'stray' })
class StrayEntity {
  @PrimaryIdColumn()
  id!: string;
}

const SERVER = process.env.AZUKARI_TEST_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306';
const TRACE = `00-${'ab'.repeat(16)}-${'cd'.repeat(8)}-01`;

describe('audit log', () => {
  const url = `${SERVER}/azt_audit_${randomBytes(4).toString('hex')}`;
  const dataSource = createDataSource({ url, entities: [NoteEntity, AuditEntryEntity, AuditChainHeadEntity] });
  const clock = new TestClock();
  const log = createLogger('audit-test');
  const reads = new ReadAuditBatcher({ service: 'custody', dataSource, log });
  const staff = (purpose: string | null = null): AccessContext =>
    newAccessContext({ actor: { kind: 'staff', id: newId() }, trace: TRACE, purpose });
  const entriesOf = async (chain: string) => await dataSource.manager.find(AuditEntryEntity, { where: { chain }, order: { seq: 'ASC' } });
  const addNote = async (clientId: string, text = 'note') => {
    const id = newId();
    await dataSource.transaction(async (m) => await m.insert(NoteEntity, { id, clientId, text }));
    return id;
  };

  beforeAll(async () => {
    await ensureDatabase(url);
    await dataSource.initialize();
    await dataSource.synchronize();
    dataSource.subscribers.push(new AuditSubscriber({ service: 'custody', clock, recordReads: true }));
  });
  afterAll(async () => {
    await reads.stop();
    await dataSource.destroy();
    await dropDatabase(url);
  });

  it("records a change in its client's chain, in the same transaction, with who, what, why and the request", async () => {
    const clientId = newId();
    const context = staff('annual inspection');
    const id = await runAs(context, async () => await addNote(clientId));
    const [entry, ...rest] = await entriesOf(clientId);
    expect(rest).toHaveLength(0);
    expect(entry).toMatchObject({
      seq: '1',
      service: 'custody',
      actorKind: 'staff',
      actorId: context.actor.id,
      action: 'create',
      purpose: 'annual inspection',
      requestId: 'ab'.repeat(16),
      fields: null,
    });
    expect(JSON.parse(entry!.objects)).toEqual({ Note: [id] });
    // The note's text never reaches the log: it names objects, not their content.
    expect(JSON.stringify(entry)).not.toContain('note"');
  });

  it('records an update by the fields it set, finding the client of a row the update does not name', async () => {
    const clientId = newId();
    const id = await runAs(staff(), async () => await addNote(clientId));
    await runAs(
      staff(),
      async () => await dataSource.transaction(async (m) => await m.update(NoteEntity, { id }, { id, text: 'changed' })),
    );
    const entries = await entriesOf(clientId);
    expect(entries.map((e) => [e.seq, e.action, e.fields])).toEqual([
      ['1', 'create', null],
      ['2', 'update', JSON.stringify(['text'])],
    ]);
  });

  it('refuses a change outside an access context or a transaction, and writes nothing', async () => {
    const clientId = newId();
    await expect(addNote(clientId)).rejects.toThrow(/access context/);
    await expect(
      runAs(staff(), async () => await dataSource.manager.insert(NoteEntity, { id: newId(), clientId, text: 'x' })),
    ).rejects.toThrow(/transaction/);
    expect(await dataSource.manager.countBy(NoteEntity, { clientId })).toBe(0);
    expect(await entriesOf(clientId)).toHaveLength(0);
  });

  it('leaves no entry when the change rolls back', async () => {
    const clientId = newId();
    await expect(
      runAs(staff(), async () =>
        dataSource.transaction(async (m) => {
          await m.insert(NoteEntity, { id: newId(), clientId, text: 'x' });
          throw new Error('the rest of the change failed');
        }),
      ),
    ).rejects.toThrow('the rest of the change failed');
    expect(await entriesOf(clientId)).toHaveLength(0);
  });

  it('appends reads in a batch: one entry per unit of work and client, listing the objects read', async () => {
    const [a, b] = [newId(), newId()];
    const ids = await runAs(staff(), async () => [await addNote(a), await addNote(a), await addNote(b)]);
    const context = staff();
    await runAs(context, async () => await dataSource.manager.findBy(NoteEntity, {}));
    reads.record(context);
    await reads.flush();
    const readOf = async (chain: string) => (await entriesOf(chain)).filter((e) => e.action === 'read');
    expect((await readOf(a)).map((e) => JSON.parse(e.objects))).toEqual([{ Note: [ids[0], ids[1]] }]);
    expect((await readOf(b)).map((e) => JSON.parse(e.objects))).toEqual([{ Note: [ids[2]] }]);
    expect((await readOf(a))[0]).toMatchObject({ actorId: context.actor.id, requestId: 'ab'.repeat(16) });
  });

  it('verifies an intact chain, and reports the first broken link at the row that was altered', async () => {
    const clientId = newId();
    await runAs(staff(), async () => {
      for (let i = 0; i < 5; i += 1) await addNote(clientId);
    });
    expect(await verifyChain(dataSource, clientId)).toEqual({
      chain: clientId,
      entries: 5,
      intact: true,
      firstBrokenSeq: null,
      reason: null,
      headSeq: '5',
    });
    await dataSource.query("UPDATE audit_entry SET actorId = 'someone-else' WHERE chain = ? AND seq = 3", [clientId]);
    expect(await verifyChain(dataSource, clientId)).toMatchObject({
      intact: false,
      entries: 2,
      firstBrokenSeq: '3',
      reason: 'its content does not match its hash',
    });
  });

  it('reports an entry removed from the middle and one cut from the end', async () => {
    const [middle, end] = [newId(), newId()];
    await runAs(staff(), async () => {
      for (let i = 0; i < 3; i += 1) await addNote(middle);
      for (let i = 0; i < 3; i += 1) await addNote(end);
    });
    await dataSource.query('DELETE FROM audit_entry WHERE chain = ? AND seq = 2', [middle]);
    expect(await verifyChain(dataSource, middle)).toMatchObject({
      intact: false,
      firstBrokenSeq: '2',
      reason: 'entry 2 is missing',
    });
    await dataSource.query('DELETE FROM audit_entry WHERE chain = ? AND seq = 3', [end]);
    expect(await verifyChain(dataSource, end)).toMatchObject({ intact: false, firstBrokenSeq: '3', entries: 2 });
  });

  it('keeps one chain per client: concurrent changes of two clients each make a gapless chain', async () => {
    const [a, b] = [newId(), newId()];
    await Promise.all(Array.from({ length: 20 }, (_, i) => runAs(staff(), async () => await addNote(i % 2 ? a : b))));
    for (const chain of [a, b]) expect(await verifyChain(dataSource, chain)).toMatchObject({ intact: true, entries: 10 });
    expect(await verifyChain(dataSource, OPERATOR_CHAIN)).toMatchObject({ intact: true, entries: 0 });
  });

  it('verifies a chain intact while entries are being appended to it', async () => {
    const clientId = newId();
    await runAs(staff(), async () => await addNote(clientId));
    let appending = true;
    const appender = (async () => {
      while (appending) {
        const context = staff();
        await runAs(context, async () => await dataSource.manager.findBy(NoteEntity, { clientId }));
        reads.record(context);
        await reads.flush();
      }
    })();
    const results = [];
    for (let i = 0; i < 30; i += 1) results.push(await verifyChain(dataSource, clientId));
    appending = false;
    await appender;
    expect(results.filter((r) => !r.intact)).toEqual([]);
    expect(Number(results.at(-1)!.headSeq)).toBeGreaterThan(1);
  });

  it('stops a service whose entities include one neither @Audited nor @NotAudited', async () => {
    const strays = createDataSource({ url, entities: [NoteEntity, StrayEntity] });
    await strays.initialize();
    try {
      expect(() => assertAuditDeclared(strays)).toThrow(/StrayEntity/);
    } finally {
      await strays.destroy();
    }
  });
});
