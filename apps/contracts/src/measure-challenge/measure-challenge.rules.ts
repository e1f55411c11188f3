/** Who may see, write in and close challenges of the safety measures (Art 5.3). */
import { ALL_STAFF, Scope, StaffRole } from '@azukari/common';
import { allow } from '@azukari/service-kit';

/** Every staff role; a partner with reports:ack, its own client's threads. */
export const READ_CHALLENGES = allow({ staff: ALL_STAFF, partner: Scope.REPORTS_ACK });

/** A challenge is the client's: a partner with reports:ack opens one (or answers a report with CHALLENGE). */
export const OPEN_CHALLENGE = allow({ partner: Scope.REPORTS_ACK });

/** Both sides write in a thread: a partner with reports:ack, an administrator or the privacy officer. */
export const WRITE_IN_CHALLENGE = allow({ staff: [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER], partner: Scope.REPORTS_ACK });

/** The operator notes the service's content, scale and fees and closes the discussion with its outcome. */
export const SETTLE_CHALLENGE = allow({ staff: [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER] });
