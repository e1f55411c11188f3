import { OutboxEventEntity } from '@azukari/db';
import { DataAssetEntity } from './data-asset/data-asset.entity';

// The outbox table is here from the first migration: custody's later features (take-outs,
// disposal) report to clients through it, and the relay that app.ts starts reads it.
export const ENTITIES = [DataAssetEntity, OutboxEventEntity];
