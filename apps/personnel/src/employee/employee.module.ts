/** Employees (Art 1(4)): every kind of person who works for the operator. contracts verifies one on VerifyEmployee. */
import { scopeOf } from '@azukari/db';
import { VerifyEmployee } from '@azukari/routes';
import { defineFeature, implement, type Feature } from '@azukari/service-kit';
import type { PersonnelDeps } from '../deps';
import { EmployeeEntity } from './employee.entity';
import { employeeLoaders, type EmployeeLoaders } from './employee.loaders';
import { employeeReferences } from './employee.reference';
import { EmployeeResolver } from './employee.resolver';
import { EmployeeService } from './employee.service';

export const employeeFeature: Feature<PersonnelDeps, EmployeeLoaders> = defineFeature({
  name: 'employee',
  entities: [EmployeeEntity],
  resolvers: [EmployeeResolver],
  references: employeeReferences,
  loaders: employeeLoaders,
  routes: (deps) => [
    implement(VerifyEmployee, async ({ employeeId }, { caller }) => {
      const employee = await new EmployeeService(deps, scopeOf(caller)).verify(employeeId, caller);
      return { employee: { id: employee.id, name: employee.name, status: employee.status } };
    }),
  ],
});
