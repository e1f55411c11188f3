/** `pnpm audit:verify custody [chain]`: verifies this service's audit chains (docs/AUDIT.md). */
import { runAuditVerifyCommand } from '@azukari/db';
import { custodyDataSource } from './data-source';

runAuditVerifyCommand('custody', (url) => custodyDataSource(url));
