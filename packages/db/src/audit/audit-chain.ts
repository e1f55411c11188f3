/**
 * Appending to and verifying hash chains. An entry's hash covers its content and the hash of the
 * entry before it, so changing, removing or reordering any entry breaks every link after it, and
 * the head (last sequence number and hash) catches entries cut from the end.
 */
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditChainHeadEntity, AuditEntryEntity } from './audit-entry.entity';

export const GENESIS_HASH = '0'.repeat(64);

/** An entry before it has a place in its chain. */
export interface AuditDraft {
  chain: string;
  at: Date;
  actorKind: string;
  actorId: string;
  via: string | null;
  action: 'create' | 'update' | 'delete' | 'read';
  /** object type → ids */
  objects: Record<string, string[]>;
  fields: string[] | null;
  purpose: string | null;
  requestId: string;
}

type EntryContent = Omit<AuditEntryEntity, 'hash'>;

export const hashOf = (entry: EntryContent): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        entry.prevHash,
        entry.chain,
        String(entry.seq),
        entry.service,
        entry.at.toISOString(),
        entry.actorKind,
        entry.actorId,
        entry.via,
        entry.action,
        entry.objects,
        entry.fields,
        entry.purpose,
        entry.requestId,
      ]),
    )
    .digest('hex');

/**
 * The chain's head, locked until `manager`'s transaction ends; created at genesis if new. The
 * upsert takes the lock: on the primary key it locks the row alone, existing or new, where a
 * SELECT ... FOR UPDATE of a missing row would lock the gap, and two first appends to one chain
 * would each wait for the other's gap.
 */
const lockHead = async (manager: EntityManager, chain: string): Promise<{ seq: bigint; hash: string }> => {
  await manager.query('INSERT INTO audit_chain_head (chain, seq, hash) VALUES (?, 0, ?) ON DUPLICATE KEY UPDATE chain = chain', [
    chain,
    GENESIS_HASH,
  ]);
  // A locking read: it sees the latest committed head, not the transaction's snapshot.
  const [head] = (await manager.query('SELECT seq, hash FROM audit_chain_head WHERE chain = ? FOR UPDATE', [chain])) as {
    seq: string;
    hash: string;
  }[];
  return { seq: BigInt(head!.seq), hash: head!.hash };
};

/**
 * Appends `drafts` inside `manager`'s transaction. Chains are locked in one order (sorted), so two
 * transactions that touch the same chains never wait on each other in a cycle.
 */
export const appendToChains = async (manager: EntityManager, service: string, drafts: readonly AuditDraft[]): Promise<void> => {
  const byChain = new Map<string, AuditDraft[]>();
  for (const draft of drafts) byChain.set(draft.chain, [...(byChain.get(draft.chain) ?? []), draft]);
  for (const chain of [...byChain.keys()].sort()) {
    const head = await lockHead(manager, chain);
    let seq = head.seq;
    let prevHash = head.hash;
    const rows: AuditEntryEntity[] = [];
    for (const draft of byChain.get(chain)!) {
      seq += 1n;
      const content: EntryContent = {
        chain,
        seq: seq.toString(),
        prevHash,
        at: draft.at,
        service,
        actorKind: draft.actorKind,
        actorId: draft.actorId,
        via: draft.via,
        action: draft.action,
        objects: JSON.stringify(draft.objects),
        fields: draft.fields ? JSON.stringify(draft.fields) : null,
        purpose: draft.purpose,
        requestId: draft.requestId,
      };
      const hash = hashOf(content);
      rows.push({ ...content, hash });
      prevHash = hash;
    }
    await manager.createQueryBuilder().insert().into(AuditEntryEntity).values(rows).updateEntity(false).execute();
    await manager.query('UPDATE audit_chain_head SET seq = ?, hash = ? WHERE chain = ?', [seq.toString(), prevHash, chain]);
  }
};

export interface ChainVerification {
  chain: string;
  /** Entries read before the first broken link, or all of them. */
  entries: number;
  intact: boolean;
  /** The sequence number of the first entry that does not hold, or of the head when entries were cut from the end. */
  firstBrokenSeq: string | null;
  reason: string | null;
  headSeq: string;
}

const PAGE = 1000;

/**
 * Reads the chain from its first entry and reports the first link that does not hold. It reads in
 * one snapshot (a REPEATABLE READ transaction): entries appended while it reads, as reads are
 * every 250 ms, would otherwise run past the head it read first and look like a broken chain.
 */
export const verifyChain = async (dataSource: DataSource, chain: string): Promise<ChainVerification> =>
  await dataSource.transaction('REPEATABLE READ', async (manager) => await verifyInSnapshot(manager, chain));

const verifyInSnapshot = async (manager: EntityManager, chain: string): Promise<ChainVerification> => {
  const headRow = await manager.findOneBy(AuditChainHeadEntity, { chain });
  const head = { seq: headRow?.seq ?? '0', hash: headRow?.hash ?? GENESIS_HASH };
  const broken = (entries: number, seq: string, reason: string): ChainVerification => ({
    chain,
    entries,
    intact: false,
    firstBrokenSeq: seq,
    reason,
    headSeq: head.seq,
  });
  let expected = 1n;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const rows = await manager
      .createQueryBuilder(AuditEntryEntity, 'e')
      .where('e.chain = :chain AND e.seq >= :from', { chain, from: expected.toString() })
      .orderBy('e.seq', 'ASC')
      .limit(PAGE)
      .getMany();
    for (const row of rows) {
      if (BigInt(row.seq) !== expected) return broken(count, expected.toString(), `entry ${expected} is missing`);
      if (row.prevHash !== prevHash) return broken(count, row.seq, 'it does not follow the entry before it (prevHash differs)');
      if (hashOf(row) !== row.hash) return broken(count, row.seq, 'its content does not match its hash');
      prevHash = row.hash;
      expected += 1n;
      count += 1;
    }
    if (rows.length < PAGE) break;
  }
  if (BigInt(head.seq) !== expected - 1n || head.hash !== prevHash) {
    return broken(count, head.seq, `the head names entry ${head.seq} but the chain ends at ${expected - 1n}`);
  }
  return { chain, entries: count, intact: true, firstBrokenSeq: null, reason: null, headSeq: head.seq };
};
