/** Who may see and change safety measures: one definition for resolvers and contributed fields. */
import { ALL_STAFF, Scope, StaffRole } from '@azukari/common';
import { allow } from '@azukari/service-kit';

/** The catalogue and every version: every staff role. Partners see measures through their contracts. */
export const READ_SAFETY_MEASURES = allow({ staff: ALL_STAFF });

/** The measures in force on a contract: every staff role; a partner with contracts:read, on its own contracts. */
export const READ_CONTRACT_SAFETY_MEASURES = allow({ staff: ALL_STAFF, partner: Scope.CONTRACTS_READ });

/** The operator's measures are laid down by an administrator or the privacy officer. */
export const WRITE_SAFETY_MEASURES = allow({ staff: [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER] });
