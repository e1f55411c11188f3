/** `pnpm audit:verify contracts [chain]`: verifies this service's audit chains (docs/AUDIT.md). */
import { runAuditVerifyCommand } from '@azukari/db';
import { contractsDataSource } from './data-source';

runAuditVerifyCommand('contracts', (url) => contractsDataSource(url));
