/** The incidents subgraph's features, listed once: its schema, entities, loaders, routes and consumers follow. */
import { auditTrailFeature } from '@azukari/service-kit';
import { incidentFeature } from './incident/incident.module';

export const INCIDENTS_FEATURES = [incidentFeature, auditTrailFeature('incidents')] as const;
