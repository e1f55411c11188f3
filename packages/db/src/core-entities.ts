/** The rows every service's database holds besides its features' own: the outbox, processed events, the audit log, idempotency keys. */
import { OutboxEventEntity } from './outbox';
import { ProcessedEventEntity } from './processed-event';
import { AuditChainHeadEntity, AuditEntryEntity } from './audit/audit-entry.entity';
import { IdempotencyRecordEntity } from './idempotency-record.entity';

export const CORE_ENTITIES: Function[] = [
  OutboxEventEntity,
  ProcessedEventEntity,
  AuditEntryEntity,
  AuditChainHeadEntity,
  IdempotencyRecordEntity,
];
