/** Who may read and who may report incidents: one definition for resolvers and reference resolvers. */
import { ALL_STAFF, Scope, WRITING_STAFF } from '@azukari/common';
import { allow } from '@azukari/service-kit';

/** Every staff role; a partner with incidents:read, within its own client's links. */
export const READ_INCIDENTS = allow({ staff: ALL_STAFF, partner: Scope.INCIDENTS_READ });

/** Staff who may change data; auditors read, partners are told (Art 7.1) but do not report. */
export const REPORT_INCIDENTS = allow({ staff: WRITING_STAFF });
