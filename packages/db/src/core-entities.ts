/** The rows every service's database holds besides its features' own: the outbox and processed events. */
import { OutboxEventEntity } from './outbox';
import { ProcessedEventEntity } from './processed-event';

export const CORE_ENTITIES: Function[] = [OutboxEventEntity, ProcessedEventEntity];
