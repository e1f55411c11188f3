/** Per request: the caller, its tenant scope, and the loaders of every feature. */
import type { LoadersOf, RequestContext } from '@azukari/service-kit';
import type { PersonnelDeps } from './deps';
import type { PERSONNEL_FEATURES } from './features';

export type PersonnelContext = RequestContext<PersonnelDeps, LoadersOf<typeof PERSONNEL_FEATURES>>;
