/** `pnpm audit:verify personnel [chain]`: verifies this service's audit chains (docs/AUDIT.md). */
import { runAuditVerifyCommand } from '@azukari/db';
import { personnelDataSource } from './data-source';

runAuditVerifyCommand('personnel', (url) => personnelDataSource(url));
