/** Per-request loaders of employees: one statement per request, whatever the number of ids. */
import DataLoader from 'dataloader';
import { inIdOrder } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import type { PersonnelDeps } from '../deps';
import type { EmployeeEntity } from './employee.entity';
import { EmployeeRepository } from './employee.repository';

export const employeeLoaders = (deps: PersonnelDeps, scope: TenantScope) => ({
  employee: new DataLoader<string, EmployeeEntity | null>(async (ids) =>
    inIdOrder(ids, await new EmployeeRepository(deps.dataSource.manager, scope).findByIds(ids)),
  ),
});
export type EmployeeLoaders = ReturnType<typeof employeeLoaders>;
