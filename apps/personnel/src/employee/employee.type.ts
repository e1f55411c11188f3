import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, EmailScalar } from '@azukari/service-kit';
import type { EmployeeEntity, EmployeeKind as Kind, EmployeeStatus as Status } from './employee.entity';

export enum EmployeeKind {
  REGULAR_EMPLOYEE = 'REGULAR_EMPLOYEE',
  CONTRACT_EMPLOYEE = 'CONTRACT_EMPLOYEE',
  ADVISORY_EMPLOYEE = 'ADVISORY_EMPLOYEE',
  PART_TIME_EMPLOYEE = 'PART_TIME_EMPLOYEE',
  TEMPORARY_STAFF = 'TEMPORARY_STAFF',
  DIRECTOR = 'DIRECTOR',
  EXECUTIVE_OFFICER = 'EXECUTIVE_OFFICER',
  TRUSTEE = 'TRUSTEE',
  AUDITOR = 'AUDITOR',
  SUPERVISORY_BOARD_MEMBER = 'SUPERVISORY_BOARD_MEMBER',
  DISPATCHED_STAFF = 'DISPATCHED_STAFF',
  OTHER = 'OTHER',
}
registerEnumType(EmployeeKind, {
  name: 'EmployeeKind',
  description: 'How a person stands to the Company. Art 1(4) counts every one of these as an employee.',
  valuesConfig: {
    REGULAR_EMPLOYEE: { description: 'A regular employee (正社員) in an employment relationship without a fixed term.' },
    CONTRACT_EMPLOYEE: { description: 'A contract employee (契約社員), employed for a fixed term.' },
    ADVISORY_EMPLOYEE: { description: 'An advisory employee (嘱託社員), e.g. re-employed after retirement.' },
    PART_TIME_EMPLOYEE: { description: 'A part-time employee (パートタイマー, アルバイト).' },
    TEMPORARY_STAFF: { description: 'Temporary staff (臨時社員), employed for a short period or a peak.' },
    DIRECTOR: { description: "A director (取締役); not employed, but under the Company's supervision in its Services." },
    EXECUTIVE_OFFICER: { description: 'An executive officer (執行役, 執行役員).' },
    TRUSTEE: { description: 'A trustee (理事), of a Company that is an association or foundation.' },
    AUDITOR: { description: 'A corporate auditor (監査役).' },
    SUPERVISORY_BOARD_MEMBER: { description: 'A supervisory board member (監事), of an association or foundation.' },
    DISPATCHED_STAFF: { description: "Dispatched staff (派遣社員): employed by a staffing agency, working under the Company's direction." },
    OTHER: {
      description:
        'Anyone else directly or indirectly under the Company\'s control and supervision and engaged in its Services (the "etc." of Art 1(4)).',
    },
  },
});

export enum EmployeeStatus {
  ACTIVE = 'ACTIVE',
  LEFT = 'LEFT',
}
registerEnumType(EmployeeStatus, {
  name: 'EmployeeStatus',
  valuesConfig: {
    ACTIVE: { description: "Engaged in the Company's Services; may be made custodian or given a staff token." },
    LEFT: { description: 'No longer engaged in the Services; kept for the record, never assigned again.' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person of the Company (Art 1(4)): every kind of employee, director or dispatched staff. For staff only.' })
export class Employee {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => EmailScalar, { description: 'Lower-cased; unique among employees.' })
  email!: string;

  @Field(() => EmployeeKind)
  kind!: Kind;

  @Field(() => EmployeeStatus)
  status!: Status;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export const toEmployee = (row: EmployeeEntity): Employee => ({
  id: row.id,
  name: row.name,
  email: row.email,
  kind: row.kind,
  status: row.status,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
