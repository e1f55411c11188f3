/** Per request: the caller, its tenant scope, and the loaders of every feature. */
import type { LoadersOf, RequestContext } from '@azukari/service-kit';
import type { ContractsDeps } from './deps';
import type { CONTRACTS_FEATURES } from './features';

export type ContractsContext = RequestContext<ContractsDeps, LoadersOf<typeof CONTRACTS_FEATURES>>;
