/** Who may see and change on-site inspections (Art 13.2–13.5): one definition for resolvers and fields. */
import { ALL_STAFF, Scope, StaffRole } from '@azukari/common';
import { allow } from '@azukari/service-kit';

/** Every staff role; a partner with contracts:read, its own client's. */
export const READ_INSPECTIONS = allow({ staff: ALL_STAFF, partner: Scope.CONTRACTS_READ });

/**
 * The client's side: giving notice, the signed NDA, the acknowledgement of the rules of entry and
 * exit, a withdrawal. A partner with inspections:request for its own client; an administrator or
 * the privacy officer recording the client's paper.
 */
export const REQUEST_INSPECTIONS = allow({ staff: [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER], partner: Scope.INSPECTIONS_REQUEST });

/** The operator's side: accept, reschedule, decline, confirm, complete, the cost discussion and costs. */
export const DECIDE_INSPECTIONS = allow({ staff: [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER] });

/**
 * The lists inside an inspection (its contracts, discussions, costs). An inspection is reached only
 * through a field guarded above, within the caller's tenant scope, so any partner that reached it
 * (a requester without contracts:read reading its own request's answer) may see its lists too.
 */
export const INSPECTION_DETAILS = allow({ staff: ALL_STAFF, partner: 'any' });
