/**
 * The transactional outbox: a domain event is written in the same transaction as the change it
 * reports, then relayed to BullMQ. Nothing is lost when Redis is away; the relay retries.
 */
import { Entity, Index, Column, type EntityManager } from 'typeorm';
import { newId, type Clock } from '@azukari/common';
import type { JobDefinition, JobPayload } from '@azukari/jobs';
import { InstantColumn, PrimaryIdColumn, TextColumn } from './columns';
import { NotAudited } from './audit/audited';

@Entity({ name: 'outbox_event' })
@NotAudited('delivery bookkeeping: the change it reports is audited where it is made')
@Index('IDX_outbox_event_pending', ['publishedAt', 'id'])
export class OutboxEventEntity {
  @PrimaryIdColumn()
  id!: string;

  @TextColumn(100)
  type!: string;

  @Column({ type: 'mediumtext' })
  payload!: string;

  /** W3C traceparent of the request that caused the event, carried to the consumers. */
  @TextColumn(100, { nullable: true })
  trace!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn({ nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @TextColumn(500, { nullable: true })
  lastError!: string | null;
}

export class Outbox {
  constructor(private readonly clock: Clock) {}

  /** Validates the payload against the job's schema and writes it inside `manager`'s transaction. */
  async add<D extends JobDefinition>(
    manager: EntityManager,
    definition: D,
    payload: JobPayload<D>,
    trace: string | null = null,
  ): Promise<string> {
    const parsed = definition.schema.parse(payload);
    const id = newId();
    await manager.insert(OutboxEventEntity, {
      id,
      type: definition.name,
      payload: JSON.stringify(parsed),
      trace,
      createdAt: this.clock.now(),
      publishedAt: null,
      attempts: 0,
      lastError: null,
    });
    return id;
  }
}
