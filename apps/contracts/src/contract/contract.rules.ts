/** Who may read and change clients and contracts: one definition for resolvers and references. */
import { ALL_STAFF, Scope, StaffRole } from '@azukari/common';
import { allow } from '@azukari/service-kit';

/** Every staff role; a partner with contracts:read, within its own client. */
export const READ_CONTRACTS = allow({ staff: ALL_STAFF, partner: Scope.CONTRACTS_READ });

/** Clients and contracts are entered by an administrator or the privacy officer. */
export const WRITE_CONTRACTS = allow({ staff: [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER] });
