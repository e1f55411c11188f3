/** Employee references from other subgraphs, batched per request; for staff only. */
import { isAllowed } from '@azukari/service-kit';
import { READ_EMPLOYEES } from './employee.rules';
import type { PersonnelContext } from '../context';
import { toEmployee, type Employee } from './employee.type';

// __resolveReference bypasses @Authorized: the rule is applied here. A partner meets an employee
// only as a custodian's name (DataAsset.custodian), never as an Employee.

export const employeeReferences = {
  Employee: {
    __resolveReference: async (ref: { id: string }, ctx: PersonnelContext): Promise<Employee | null> => {
      if (!isAllowed(ctx.principal, READ_EMPLOYEES)) return null;
      const row = await ctx.loaders.employee.load(ref.id);
      return row ? toEmployee(row) : null;
    },
  },
};
