/** What lives for the life of the process and every request shares: personnel needs only the core. */
import type { ServiceCore } from '@azukari/service-kit';
import type { PersonnelConfig } from './config';

export type PersonnelDeps = ServiceCore<PersonnelConfig>;
