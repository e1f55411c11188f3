/** Per request: the caller, its tenant scope, and the loaders of every feature. */
import type { LoadersOf, RequestContext } from '@azukari/service-kit';
import type { IncidentsDeps } from './deps';
import type { INCIDENTS_FEATURES } from './features';

export type IncidentsContext = RequestContext<IncidentsDeps, LoadersOf<typeof INCIDENTS_FEATURES>>;
