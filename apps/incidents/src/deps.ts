/** What lives for the life of the process and every request shares: incidents needs only the core. */
import type { ServiceCore } from '@azukari/service-kit';
import type { IncidentsConfig } from './config';

export type IncidentsDeps = ServiceCore<IncidentsConfig>;
