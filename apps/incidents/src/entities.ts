import { OutboxEventEntity } from '@azukari/db';
import { IncidentEntity } from './incident/incident.entity';
import { IncidentContractEntity } from './incident/incident-contract.entity';

// No ProcessedEventEntity: incidents consumes no events yet; it only produces them.
export const ENTITIES = [IncidentEntity, IncidentContractEntity, OutboxEventEntity];
