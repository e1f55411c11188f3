/** Who may see, record, grant and revoke written consents: one definition for resolvers and fields. */
import { ALL_STAFF, Scope, StaffRole } from '@azukari/common';
import { allow } from '@azukari/service-kit';

/** Every staff role; a partner with contracts:read, its own client's. */
export const READ_CONSENTS = allow({ staff: ALL_STAFF, partner: Scope.CONTRACTS_READ });

/** A consent received on paper is recorded by an administrator or the privacy officer. */
export const RECORD_CONSENTS = allow({ staff: [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER] });

/** The client itself grants through the API, with consents:write, for its own contracts. */
export const GRANT_CONSENTS = allow({ partner: Scope.CONSENTS_WRITE });

/** Revoked by an administrator or the privacy officer (on the client's word), or by the client's consents:write token. */
export const REVOKE_CONSENTS = allow({ staff: [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER], partner: Scope.CONSENTS_WRITE });
