/** Per request: the caller, its tenant scope, and the loaders of every feature. */
import type { LoadersOf, RequestContext } from '@azukari/service-kit';
import type { CustodyDeps } from './deps';
import type { CUSTODY_FEATURES } from './features';

export type CustodyContext = RequestContext<CustodyDeps, LoadersOf<typeof CUSTODY_FEATURES>>;
