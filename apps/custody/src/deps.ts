/** What lives for the life of the process and every request shares: custody needs only the core. */
import type { ServiceCore } from '@azukari/service-kit';
import type { CustodyConfig } from './config';

export type CustodyDeps = ServiceCore<CustodyConfig>;
