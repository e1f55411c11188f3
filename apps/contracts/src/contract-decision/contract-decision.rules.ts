/** Who may ask for a decision: whoever may read the contract (a partner, its own, with contracts:read). */
import { ALL_STAFF, Scope } from '@azukari/common';
import { allow } from '@azukari/service-kit';

export const ASK_DECISION = allow({ staff: ALL_STAFF, partner: Scope.CONTRACTS_READ });
