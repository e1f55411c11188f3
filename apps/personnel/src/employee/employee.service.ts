/**
 * The rules of employees: registered by staff, one per email address (compared case-insensitively),
 * named as they write their name (compared exactly, utf8mb4_bin); lists of employees are for staff.
 */
import { DomainError, ErrorCode, isStaff, newId, type Principal } from '@azukari/common';
import { isDuplicateKey, type TenantScope } from '@azukari/db';
import type { PersonnelDeps } from '../deps';
import { EmployeeEntity } from './employee.entity';
import { EmployeeRepository } from './employee.repository';
import type { RegisterEmployeeInput } from './employee.inputs';

/** An employee who left is kept for the record but takes on nothing new (a token, an asset). */
export const requireActive = (employee: EmployeeEntity | null, employeeId: string, purpose: string): EmployeeEntity => {
  if (!employee) throw new DomainError(ErrorCode.NOT_FOUND, `No employee ${employeeId}. Register the employee in personnel first.`);
  if (employee.status === 'LEFT') {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `Employee ${employeeId} has left the Company; ${purpose} must be an active employee.`);
  }
  return employee;
};

export class EmployeeService {
  constructor(
    private readonly deps: PersonnelDeps,
    private readonly scope: TenantScope,
  ) {}

  async register(input: RegisterEmployeeInput): Promise<EmployeeEntity> {
    const name = input.name.trim().normalize('NFC');
    if (!name) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'name must not be blank.');
    const email = input.email.trim().toLowerCase();
    const taken = () =>
      new DomainError(ErrorCode.CONFLICT, `An employee with the email ${email} is registered already; look it up in employees.`);
    try {
      return await this.deps.dataSource.transaction(async (manager) => {
        const repo = new EmployeeRepository(manager, this.scope);
        if (await repo.existsByEmail(email)) throw taken();
        const now = this.deps.clock.now();
        const row: EmployeeEntity = { id: newId(), name, email, kind: input.kind, status: 'ACTIVE', createdAt: now, updatedAt: now };
        await repo.insert(row);
        return row;
      });
    } catch (error) {
      // Two registrations of one address at the same moment: UQ_employee_email lets one through.
      if (isDuplicateKey(error)) throw taken();
      throw error;
    }
  }

  /**
   * For contracts, before it issues a staff token: the employee, if it exists and is active.
   * Employee facts are the operator's: the caller contracts carries must be staff.
   */
  async verify(employeeId: string, caller: Principal | null): Promise<EmployeeEntity> {
    if (!caller || !isStaff(caller)) throw new DomainError(ErrorCode.FORBIDDEN, 'Employees are verified for staff only.');
    const employee = await new EmployeeRepository(this.deps.dataSource.manager, this.scope).findById(employeeId);
    return requireActive(employee, employeeId, 'the employee a staff token acts for');
  }

  /** A page of employees, for staff: a partner learns about employees only as custodians. */
  async page(afterId: string | null, limit: number): Promise<EmployeeEntity[]> {
    if (this.scope.kind === 'client') {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        'Lists of employees are for staff. A partner sees the custodian of its own assets on DataAsset.custodian.',
      );
    }
    return await new EmployeeRepository(this.deps.dataSource.manager, this.scope).page(afterId, limit);
  }
}
