import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { connectionOf, decodeCursor, PageArgs, toPage } from '@azukari/service-kit';
import type { PersonnelContext } from '../context';
import { Employee, toEmployee } from './employee.type';
import { RegisterEmployeeInput } from './employee.inputs';
import { EmployeeService } from './employee.service';
import { LIST_EMPLOYEES, REGISTER_EMPLOYEES } from './employee.rules';

const EmployeeConnection = connectionOf('Employee', Employee);

@Resolver(() => Employee)
export class EmployeeResolver {
  @Authorized(LIST_EMPLOYEES)
  @Query(() => EmployeeConnection, { description: 'Every employee, oldest first. For staff only.' })
  async employees(@Args() page: PageArgs, @Ctx() ctx: PersonnelContext) {
    const rows = await new EmployeeService(ctx.deps, ctx.scope).page(page.after ? decodeCursor(page.after) : null, page.first + 1);
    return toPage(rows, page, toEmployee);
  }

  @Authorized(REGISTER_EMPLOYEES)
  @Mutation(() => Employee, { description: 'Registers a person of the Company as ACTIVE. CONFLICT if the email is registered already.' })
  async registerEmployee(@Arg('input') input: RegisterEmployeeInput, @Ctx() ctx: PersonnelContext): Promise<Employee> {
    return toEmployee(await new EmployeeService(ctx.deps, ctx.scope).register(input));
  }
}
