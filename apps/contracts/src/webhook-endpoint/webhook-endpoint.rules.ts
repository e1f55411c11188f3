/** Who may see and change webhook endpoints and report channels: one definition for resolvers. */
import { ALL_STAFF, Scope, StaffRole } from '@azukari/common';
import { allow } from '@azukari/service-kit';

/** Every staff role; a partner with contracts:read, its own client's. */
export const READ_DELIVERY = allow({ staff: ALL_STAFF, partner: Scope.CONTRACTS_READ });

/** An administrator or the privacy officer; a partner with webhooks:write, for its own client. */
export const MANAGE_DELIVERY = allow({ staff: [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER], partner: Scope.WEBHOOKS_WRITE });
