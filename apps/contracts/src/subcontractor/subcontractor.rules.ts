/** Who may see and change the register of subcontractors: one definition for resolvers. */
import { ALL_STAFF, Scope, StaffRole } from '@azukari/common';
import { allow } from '@azukari/service-kit';

/** Every staff role; a partner with contracts:read, only the subcontractors proposed for its own contracts. */
export const READ_SUBCONTRACTORS = allow({ staff: ALL_STAFF, partner: Scope.CONTRACTS_READ });

/** The register is kept by an administrator or the privacy officer. */
export const WRITE_SUBCONTRACTORS = allow({ staff: [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER] });
