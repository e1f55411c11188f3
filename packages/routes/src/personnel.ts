/** What other services ask personnel, the owner of employees and custodianships. */
import { z } from 'zod';
import { defineRoute } from '@azukari/common';

const employeeFact = z.object({ id: z.uuid(), name: z.string(), status: z.enum(['ACTIVE', 'LEFT']) });

/** Is this an active employee? contracts asks before it issues a staff token for one. */
export const VerifyEmployee = defineRoute({
  owner: 'personnel',
  path: '/employees/verify',
  callers: ['contracts'],
  request: z.object({ employeeId: z.uuid() }),
  response: z.object({ employee: employeeFact }),
});

/**
 * May this employee become the custodian of this asset, at the carried caller's request? Asked
 * by custody before it commits the asset; personnel decides and records nothing here: the
 * custodianship follows from custody's CustodianAssigned event, so a failed commit leaves no row.
 */
export const CheckCustodian = defineRoute({
  owner: 'personnel',
  path: '/custodians/check',
  callers: ['custody'],
  request: z.object({ employeeId: z.uuid(), assetId: z.uuid(), clientId: z.uuid() }),
  response: z.object({ employee: employeeFact }),
});
