/** The incidents subgraph's features, listed once: its schema, entities, loaders, routes and consumers follow. */
import { incidentFeature } from './incident/incident.module';

export const INCIDENTS_FEATURES = [incidentFeature] as const;
