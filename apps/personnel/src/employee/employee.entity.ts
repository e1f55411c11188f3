import { Entity, Index } from 'typeorm';
import { InstantColumn, PrimaryIdColumn, TextColumn, Audited } from '@azukari/db';

/** Every kind of person Art 1(4) counts as an employee, and anyone else it covers by "etc.". */
export type EmployeeKind =
  | 'REGULAR_EMPLOYEE'
  | 'CONTRACT_EMPLOYEE'
  | 'ADVISORY_EMPLOYEE'
  | 'PART_TIME_EMPLOYEE'
  | 'TEMPORARY_STAFF'
  | 'DIRECTOR'
  | 'EXECUTIVE_OFFICER'
  | 'TRUSTEE'
  | 'AUDITOR'
  | 'SUPERVISORY_BOARD_MEMBER'
  | 'DISPATCHED_STAFF'
  | 'OTHER';

export type EmployeeStatus = 'ACTIVE' | 'LEFT';

/**
 * A person of the operator (Art 1(4)): an operator row, without a client id. A partner sees an
 * employee only as the custodian of its own asset, and then only the name (employee.repository.ts).
 */
@Entity({ name: 'employee' })
@Audited('Employee', { client: null })
@Index('UQ_employee_email', ['email'], { unique: true })
export class EmployeeEntity {
  @PrimaryIdColumn()
  id!: string;

  /** utf8mb4_bin: ハシモト and パシモト, 𠮷野 and 𩸽野 stay different names. */
  @TextColumn(200)
  name!: string;

  /** Stored lower-cased, so that the unique index compares addresses case-insensitively. */
  @TextColumn(254)
  email!: string;

  @TextColumn(30)
  kind!: EmployeeKind;

  @TextColumn(10)
  status!: EmployeeStatus;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
