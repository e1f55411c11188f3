/** Who may answer reports and see what is open: one definition for resolvers. */
import { ALL_STAFF, Scope } from '@azukari/common';
import { allow } from '@azukari/service-kit';

/**
 * A partner with reports:ack, for its own client's reports. Staff do not answer for a client: an
 * answer is the client's word (Art 5.3, 6.1), so the operator cannot give it.
 */
export const ANSWER_REPORTS = allow({ partner: Scope.REPORTS_ACK });

/** Every staff role; a partner with contracts:read, its own client's. */
export const READ_ANSWERS = allow({ staff: ALL_STAFF, partner: Scope.CONTRACTS_READ });
