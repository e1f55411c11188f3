import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@azukari/service-kit';
import { Employee, toEmployee } from '../employee/employee.type';
import type { CustodianView } from './custodianship.service';

@ObjectType({ description: 'The person who holds a data asset in custody.' })
export class Custodian {
  @Field({ description: "The custodian's name." })
  name!: string;

  @Field(() => DateTimeScalar, { description: 'Since when this person holds the asset.' })
  since!: Date;

  @Field(() => Employee, {
    nullable: true,
    description: 'The employee, for staff. null for a partner: a partner sees the custodian of its own assets by name only.',
  })
  employee!: Employee | null;
}

export const toCustodian = (view: CustodianView): Custodian => ({
  name: view.name,
  since: view.since,
  employee: view.employee ? toEmployee(view.employee) : null,
});
