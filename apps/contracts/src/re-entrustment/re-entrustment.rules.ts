/** Who may see and change re-entrustments and what is recorded on them: one definition for resolvers. */
import { ALL_STAFF, Scope, StaffRole } from '@azukari/common';
import { allow } from '@azukari/service-kit';

/** Every staff role; a partner with contracts:read, its own client's. */
export const READ_RE_ENTRUSTMENTS = allow({ staff: ALL_STAFF, partner: Scope.CONTRACTS_READ });

/** Proposals, withdrawals, ends, obligations, reviews and subcontractors' reports: an administrator or the privacy officer. */
export const MANAGE_RE_ENTRUSTMENTS = allow({ staff: [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER] });

/** The client's written decision: a partner with consents:write for its own client, or staff entering one given on paper. */
export const DECIDE_RE_ENTRUSTMENT = allow({ staff: [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER], partner: Scope.CONSENTS_WRITE });

/** The client's instructions for a subcontractor, answering its forwarded report: a partner with reports:ack. */
export const INSTRUCT_SUBCONTRACTOR = allow({ partner: Scope.REPORTS_ACK });
