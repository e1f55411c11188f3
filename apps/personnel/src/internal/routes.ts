/**
 * Internal routes, outside the supergraph: what other services ask personnel, the owner of
 * employees and custodianships. Each route names the services that may call it.
 */
import { z } from 'zod';
import { DomainError, ErrorCode } from '@azukari/common';
import { scopeOf } from '@azukari/db';
import { internalHandler, requireIssuer, type InternalRouter } from '@azukari/service-kit';
import type { PersonnelDeps } from '../deps';
import { EmployeeService } from '../employee/employee.service';
import { CustodianshipService } from '../custodianship/custodianship.service';

const parse = <T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> => {
  const result = schema.safeParse(body);
  if (!result.success)
    throw new DomainError(
      ErrorCode.BAD_USER_INPUT,
      result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  return result.data;
};

export const personnelInternalRoutes = (deps: PersonnelDeps) => (router: InternalRouter) => {
  /** Is this an active employee? contracts asks before it issues a staff token for one. */
  router.post(
    '/employees/verify',
    internalHandler(deps.log, async (req, res) => {
      const credential = requireIssuer(res, ['contracts']);
      const { employeeId } = parse(z.object({ employeeId: z.uuid() }), req.body);
      const employee = await new EmployeeService(deps, scopeOf(credential.caller)).verify(employeeId, credential.caller);
      return { employee: { id: employee.id, name: employee.name, status: employee.status } };
    }),
  );

  /**
   * Sets an asset's custodian. custody owns the asset and passes its contract and client; personnel
   * checks the employee and the caller (staff with a writing role) and records the custodianship.
   */
  router.post(
    '/custodianships/assign',
    internalHandler(deps.log, async (req, res) => {
      const credential = requireIssuer(res, ['custody']);
      const input = parse(z.object({ assetId: z.uuid(), employeeId: z.uuid(), contractId: z.uuid(), clientId: z.uuid() }), req.body);
      const custodianship = await new CustodianshipService(deps, scopeOf(credential.caller)).assign(input, credential.caller);
      return { custodianshipId: custodianship.id };
    }),
  );
};
