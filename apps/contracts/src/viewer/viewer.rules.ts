/** `viewer` answers any authenticated caller: staff of every role and every partner token. */
import { ALL_STAFF } from '@azukari/common';
import { allow } from '@azukari/service-kit';

export const ANY_CALLER = allow({ staff: ALL_STAFF, partner: 'any' });
