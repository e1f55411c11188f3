/**
 * The data layer's audit hook, one TypeORM subscriber per service: it sees every row the service
 * loads or changes, whichever repository or service did it.
 * - A change to an audited row must run in a transaction and as someone (an access context): it
 *   is refused before it reaches the database otherwise. Its entry is appended to the row's
 *   client's chain just before that transaction commits, so the change and its entry commit or
 *   roll back together.
 * - A loaded row of a client's data is noted in the access context; the context's reads are
 *   appended later, in batches (read-audit-batcher.ts).
 */
import type {
  EntitySubscriberInterface,
  InsertEvent,
  QueryRunner,
  RemoveEvent,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
  UpdateEvent,
  EntityMetadata,
  EntityManager,
  LoadEvent,
} from 'typeorm';
import { currentAccess, noteRead, type Clock } from '@azukari/common';
import { auditSpecOf, clientOfRow, OPERATOR_CHAIN, type AuditSpec } from './audited';
import { appendToChains, type AuditDraft } from './audit-chain';

interface PendingChange {
  depth: number;
  draft: AuditDraft;
}

interface RunnerState {
  depth: number;
  pending: PendingChange[];
}

export interface AuditSubscriberOptions {
  service: string;
  clock: Clock;
  /** Off only to measure what recording reads costs (the bench); changes are always recorded. */
  recordReads: boolean;
}

export class AuditSubscriber implements EntitySubscriberInterface {
  private readonly runners = new WeakMap<QueryRunner, RunnerState>();

  constructor(private readonly options: AuditSubscriberOptions) {}

  afterLoad(entity: Record<string, unknown>, event?: LoadEvent<unknown>): void {
    if (!this.options.recordReads || !event) return;
    const spec = auditSpecOf(event.metadata.target);
    if (!spec) return;
    const id = entity[primaryProperty(event.metadata)];
    if (typeof id !== 'string') return;
    // An operator row (an incident) that a partner could load was scoped to it: its client's read.
    const client = clientOfRow(spec, entity) || currentAccess()?.actor.clientId;
    if (client) noteRead(client, spec.type, id);
  }

  afterTransactionStart(event: TransactionStartEvent): void {
    const state = this.stateOf(event.queryRunner);
    state.depth += 1;
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const state = this.stateOf(event.queryRunner);
    if (state.depth > 1) {
      // A savepoint released: its changes now belong to the enclosing transaction.
      for (const change of state.pending) if (change.depth === state.depth) change.depth -= 1;
      return;
    }
    const drafts = state.pending.map((c) => c.draft);
    state.pending = [];
    if (drafts.length > 0) await appendToChains(event.manager, this.options.service, merged(drafts));
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    this.stateOf(event.queryRunner).depth -= 1;
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const state = this.stateOf(event.queryRunner);
    state.pending = state.pending.filter((c) => c.depth < state.depth);
    state.depth -= 1;
  }

  beforeInsert(event: InsertEvent<Record<string, unknown>>): void {
    this.guard(event.queryRunner, event.metadata);
  }

  beforeUpdate(event: UpdateEvent<Record<string, unknown>>): void {
    this.guard(event.queryRunner, event.metadata);
    const spec = auditSpecOf(event.metadata.target);
    const key = primaryProperty(event.metadata);
    if (spec && typeof event.entity?.[key] !== 'string') {
      throw new Error(`an update of ${spec.type} must name its row (set ${key} too), so that its audit entry can`);
    }
  }

  beforeRemove(event: RemoveEvent<Record<string, unknown>>): void {
    this.guard(event.queryRunner, event.metadata);
    const spec = auditSpecOf(event.metadata.target);
    const key = primaryProperty(event.metadata);
    if (spec && typeof event.entity?.[key] !== 'string' && typeof event.entityId !== 'string') {
      throw new Error(`a removal of ${spec.type} must name its row (remove the entity), so that its audit entry can`);
    }
  }

  beforeSoftRemove(event: RemoveEvent<Record<string, unknown>>): void {
    const spec = auditSpecOf(event.metadata.target);
    if (spec) throw new Error(`soft removal of ${spec.type} is not audited: remove the row, or record the state in a column`);
  }

  beforeRecover(event: RemoveEvent<Record<string, unknown>>): void {
    this.beforeSoftRemove(event);
  }

  async afterInsert(event: InsertEvent<Record<string, unknown>>): Promise<void> {
    const spec = auditSpecOf(event.metadata.target);
    if (spec) await this.note(event.queryRunner, event.manager, event.metadata, spec, 'create', event.entity, null);
  }

  async afterUpdate(event: UpdateEvent<Record<string, unknown>>): Promise<void> {
    const spec = auditSpecOf(event.metadata.target);
    if (!spec || !event.entity) return;
    const key = primaryProperty(event.metadata);
    const fields = event.updatedColumns.length
      ? event.updatedColumns.map((c) => c.propertyName)
      : Object.keys(event.entity).filter((k) => k !== key);
    await this.note(event.queryRunner, event.manager, event.metadata, spec, 'update', event.entity, fields);
  }

  async afterRemove(event: RemoveEvent<Record<string, unknown>>): Promise<void> {
    const spec = auditSpecOf(event.metadata.target);
    const row = { ...(event.databaseEntity ?? {}), ...(event.entity ?? {}), ...(event.entityId ? { id: event.entityId } : {}) };
    if (spec) await this.note(event.queryRunner, event.manager, event.metadata, spec, 'delete', row, null);
  }

  /** Refuses, before it runs, a change the log could not record. */
  private guard(queryRunner: QueryRunner, metadata: EntityMetadata): void {
    const spec = auditSpecOf(metadata.target);
    if (!spec) return;
    if (!queryRunner.isTransactionActive) {
      throw new Error(`a change to ${spec.type} must run in a transaction, so that its audit entry commits with it`);
    }
    if (!currentAccess()) throw new Error(`a change to ${spec.type} outside any access context: the log must know who acts`);
  }

  private async note(
    queryRunner: QueryRunner,
    manager: EntityManager,
    metadata: EntityMetadata,
    spec: AuditSpec,
    action: AuditDraft['action'],
    row: Record<string, unknown>,
    fields: string[] | null,
  ): Promise<void> {
    const access = currentAccess();
    if (!access) throw new Error(`a change to ${spec.type} outside any access context`);
    const key = primaryProperty(metadata);
    const id = row[key];
    if (typeof id !== 'string') {
      throw new Error(`a change to ${spec.type} must name its row (${key}) so that its audit entry can: update by id`);
    }
    let client = clientOfRow(spec, row);
    if (client === undefined) client = await this.clientOfStoredRow(manager, metadata, spec, id);
    this.stateOf(queryRunner).pending.push({
      depth: this.stateOf(queryRunner).depth,
      draft: {
        chain: client ?? OPERATOR_CHAIN,
        at: this.options.clock.now(),
        actorKind: access.actor.kind,
        actorId: access.actor.id,
        via: access.via,
        action,
        objects: { [spec.type]: [id] },
        fields,
        purpose: access.purpose,
        requestId: access.requestId,
      },
    });
  }

  /** An update names only what it sets: the row's client is read from the row (raw, not noted as a read). */
  private async clientOfStoredRow(manager: EntityManager, metadata: EntityMetadata, spec: AuditSpec, id: string): Promise<string | null> {
    const column = metadata.findColumnWithPropertyName(spec.clientProperty as string);
    const keyColumn = metadata.primaryColumns[0]!;
    const rows = (await manager.query(
      `SELECT \`${column!.databaseName}\` AS client FROM \`${metadata.tableName}\` WHERE \`${keyColumn.databaseName}\` = ?`,
      [id],
    )) as { client: string | null }[];
    return rows[0]?.client ?? null;
  }

  private stateOf(queryRunner: QueryRunner | undefined): RunnerState {
    if (!queryRunner) throw new Error('an audited event without a query runner');
    let state = this.runners.get(queryRunner);
    if (!state) this.runners.set(queryRunner, (state = { depth: 0, pending: [] }));
    return state;
  }
}

const primaryProperty = (metadata: EntityMetadata): string => metadata.primaryColumns[0]?.propertyName ?? 'id';

/** Changes of one transaction to one chain with the same action, type and fields become one entry. */
const merged = (drafts: readonly AuditDraft[]): AuditDraft[] => {
  const out = new Map<string, AuditDraft>();
  for (const draft of drafts) {
    const [type] = Object.keys(draft.objects) as [string];
    const key = JSON.stringify([draft.chain, draft.action, type, draft.fields]);
    const existing = out.get(key);
    if (existing) existing.objects[type] = [...new Set([...existing.objects[type]!, ...draft.objects[type]!])];
    else out.set(key, { ...draft, objects: { [type]: [...draft.objects[type]!] } });
  }
  return [...out.values()];
};
