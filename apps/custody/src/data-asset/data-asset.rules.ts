/** Who may read and write data assets: one rule for the root fields, the reference and Contract.assets. */
import { ALL_STAFF, Scope, WRITING_STAFF } from '@azukari/common';
import { allow } from '@azukari/service-kit';

export const READ_ASSETS = allow({ staff: ALL_STAFF, partner: Scope.CUSTODY_READ });
export const WRITE_ASSETS = allow({ staff: WRITING_STAFF, partner: Scope.CUSTODY_WRITE });
