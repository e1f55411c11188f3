/** `pnpm audit:verify incidents [chain]`: verifies this service's audit chains (docs/AUDIT.md). */
import { runAuditVerifyCommand } from '@azukari/db';
import { incidentsDataSource } from './data-source';

runAuditVerifyCommand('incidents', (url) => incidentsDataSource(url));
