/** Who may see an asset's custodian: staff, and a partner with custody:read for its own assets (by name only). */
import { ALL_STAFF, Scope } from '@azukari/common';
import { allow } from '@azukari/service-kit';

export const READ_CUSTODIANS = allow({ staff: ALL_STAFF, partner: Scope.CUSTODY_READ });
