import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ALL_STAFF, StaffRole } from '@azukari/common';
import { allow, connectionOf, decodeCursor, PageArgs, toPage } from '@azukari/service-kit';
import type { PersonnelContext } from '../context';
import { Employee, toEmployee } from './employee.type';
import { RegisterEmployeeInput } from './employee.inputs';
import { EmployeeService } from './employee.service';

const EmployeeConnection = connectionOf('Employee', Employee);

@Resolver(() => Employee)
export class EmployeeResolver {
  // Partners pass the guard only so that EmployeeService.page can tell them why they are refused
  // (FORBIDDEN, "Lists of employees are for staff") and where a partner does see a custodian.
  @Authorized(allow({ staff: ALL_STAFF, partner: 'any' }))
  @Query(() => EmployeeConnection, { description: 'Every employee, oldest first. For staff only.' })
  async employees(@Args() page: PageArgs, @Ctx() ctx: PersonnelContext) {
    const rows = await new EmployeeService(ctx.deps, ctx.scope).page(page.after ? decodeCursor(page.after) : null, page.first + 1);
    return toPage(rows, page, toEmployee);
  }

  @Authorized(allow({ staff: [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER] }))
  @Mutation(() => Employee, { description: 'Registers a person of the Company as ACTIVE. CONFLICT if the email is registered already.' })
  async registerEmployee(@Arg('input') input: RegisterEmployeeInput, @Ctx() ctx: PersonnelContext): Promise<Employee> {
    return toEmployee(await new EmployeeService(ctx.deps, ctx.scope).register(input));
  }
}
