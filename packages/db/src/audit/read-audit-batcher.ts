/**
 * Reads are appended in batches: each finished unit of work hands its read set over, and every
 * `intervalMs` the batch is appended in one transaction. Units of one request (a gateway query
 * and its reference fetches, an internal route call made for it) that land in one batch become
 * one entry per client: the objects of each are merged under the request id, actor and purpose.
 * A read never waits on a chain's head. What a crash can lose is the batch not yet appended (at
 * most `intervalMs` of reads); never a change, whose entry commits with it. While the database is
 * away the batch is kept and retried, up to `maxPending` entries, beyond which the oldest reads
 * are dropped and counted in the log, so an outage cannot exhaust memory.
 */
import type { DataSource } from 'typeorm';
import type { AccessContext, Logger } from '@azukari/common';
import { appendToChains, type AuditDraft } from './audit-chain';

export interface ReadAuditOptions {
  service: string;
  dataSource: DataSource;
  log: Logger;
  intervalMs?: number;
  maxPending?: number;
  maxBatch?: number;
}

export class ReadAuditBatcher {
  private pending: AuditDraft[] = [];
  /** The pending entry of each (chain, request, actor, via, purpose), to merge the next unit of that request into. */
  private byRequest = new Map<string, AuditDraft>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private dropped = 0;

  constructor(private readonly options: ReadAuditOptions) {}

  /** Takes the reads of a finished unit of work. */
  record(context: AccessContext): void {
    for (const [client, byType] of context.reads) {
      const key = JSON.stringify([client, context.requestId, context.actor.kind, context.actor.id, context.via, context.purpose]);
      const same = context.requestId === 'none' ? undefined : this.byRequest.get(key);
      if (same) {
        for (const [type, ids] of byType) same.objects[type] = [...new Set([...(same.objects[type] ?? []), ...ids])];
        continue;
      }
      const objects: Record<string, string[]> = {};
      for (const [type, ids] of byType) objects[type] = [...ids];
      const draft: AuditDraft = {
        chain: client,
        at: context.startedAt,
        actorKind: context.actor.kind,
        actorId: context.actor.id,
        via: context.via,
        action: 'read',
        objects,
        fields: null,
        purpose: context.purpose,
        requestId: context.requestId,
      };
      this.pending.push(draft);
      this.byRequest.set(key, draft);
    }
    context.reads.clear();
    const max = this.options.maxPending ?? 100_000;
    if (this.pending.length > max) {
      this.dropped += this.pending.length - max;
      this.pending.splice(0, this.pending.length - max);
    }
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.options.intervalMs ?? 250);
    this.timer.unref();
  }

  /** Appends what is pending; one flush at a time. */
  async flush(): Promise<void> {
    if (this.flushing) return await this.flushing;
    if (this.pending.length === 0) return;
    // One transaction per flush, of a bounded size: a backlog after an outage drains over several.
    const batch = this.pending.splice(0, this.options.maxBatch ?? 5_000);
    this.byRequest.clear();
    this.flushing = (async () => {
      try {
        await this.options.dataSource.transaction(async (manager) => await appendToChains(manager, this.options.service, batch));
        if (this.dropped > 0) {
          this.options.log.error({ dropped: this.dropped }, 'read audit entries were dropped while the database was away');
          this.dropped = 0;
        }
      } catch (error) {
        this.pending = [...batch, ...this.pending];
        this.options.log.warn({ err: error, pending: this.pending.length }, 'read audit batch not appended; it is retried');
      } finally {
        this.flushing = null;
      }
    })();
    await this.flushing;
  }

  /** Stops the timer and appends what is pending, unless the database is away (then it is lost, and logged). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.flushing) await this.flushing;
    while (this.pending.length > 0) {
      const before = this.pending.length;
      await this.flush();
      if (this.pending.length >= before) {
        this.options.log.error({ lost: this.pending.length }, 'read audit entries not appended at shutdown: the database is away');
        this.pending = [];
      }
    }
  }
}
