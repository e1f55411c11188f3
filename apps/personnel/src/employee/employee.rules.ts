/** Who may see and register employees: one definition for resolvers and references. */
import { ALL_STAFF, StaffRole } from '@azukari/common';
import { allow } from '@azukari/service-kit';

/** An Employee as such is for staff: a partner meets one only as a custodian's name. */
export const READ_EMPLOYEES = allow({ staff: ALL_STAFF });

/**
 * The employee list lets partners through the guard only so that the service can tell them why
 * they are refused (FORBIDDEN, "Lists of employees are for staff") and where they do see a custodian.
 */
export const LIST_EMPLOYEES = allow({ staff: ALL_STAFF, partner: 'any' });

export const REGISTER_EMPLOYEES = allow({ staff: [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER] });
