/** API tokens are issued, listed and revoked by an administrator alone. */
import { StaffRole } from '@azukari/common';
import { allow } from '@azukari/service-kit';

export const MANAGE_TOKENS = allow({ staff: [StaffRole.ADMIN] });
