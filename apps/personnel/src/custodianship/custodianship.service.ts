/**
 * The rules of custodianships: set by staff with a writing role (custody passes the request on),
 * only to an active employee; one current custodian per asset, so assigning another ends the
 * current one in the same transaction. A partner sees the custodian of its own assets by name only.
 */
import { DomainError, ErrorCode, WRITING_STAFF, isStaff, newId, type Principal } from '@azukari/common';
import { OPERATOR_SCOPE, type TenantScope } from '@azukari/db';
import { inTransaction, type PersonnelDeps } from '../deps';
import { EmployeeRepository } from '../employee/employee.repository';
import { requireActive } from '../employee/employee.service';
import type { EmployeeEntity } from '../employee/employee.entity';
import { CustodianshipEntity } from './custodianship.entity';
import { CustodianshipRepository } from './custodianship.repository';

export interface AssignCustodian {
  assetId: string;
  employeeId: string;
  contractId: string;
  clientId: string;
}

/** What DataAsset.custodian shows: the employee row only where the caller may see it. */
export interface CustodianView {
  name: string;
  since: Date;
  /** The full employee for staff; null for a partner, which learns the name only. */
  employee: EmployeeEntity | null;
}

/** Two assignments of one asset at the same moment: InnoDB rolls one back, or the unique index refuses it. */
const isRace = (error: unknown): boolean => {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === 'ER_LOCK_DEADLOCK' || (e?.code === 'ER_DUP_ENTRY' && Boolean(e.message?.includes('UQ_custodianship_current_asset')));
};
const ATTEMPTS = 4;

export class CustodianshipService {
  constructor(
    private readonly deps: PersonnelDeps,
    private readonly scope: TenantScope,
  ) {}

  /**
   * Makes the employee the asset's custodian and returns the current custodianship. Assigning the
   * current custodian again (custody retrying after a timeout) changes nothing.
   */
  async assign(input: AssignCustodian, caller: Principal | null): Promise<CustodianshipEntity> {
    if (!caller || !isStaff(caller) || !WRITING_STAFF.includes(caller.role)) {
      throw new DomainError(ErrorCode.FORBIDDEN, `Only staff with a writing role (${WRITING_STAFF.join(', ')}) may set a custodian.`);
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await inTransaction(this.deps, async (manager) => {
          // Employees are the operator's rows, looked up whatever the carried caller's scope.
          const found = await new EmployeeRepository(manager, OPERATOR_SCOPE).findById(input.employeeId);
          const employee = requireActive(found, input.employeeId, 'a custodian');
          const repo = new CustodianshipRepository(manager, this.scope);
          const current = await repo.currentForUpdate(input.assetId);
          if (current && current.clientId !== input.clientId) {
            // An asset never changes client; a different one means the request names the wrong client.
            throw new DomainError(
              ErrorCode.BAD_USER_INPUT,
              `Asset ${input.assetId} is held for another client; pass the asset's own clientId.`,
            );
          }
          if (current && current.employeeId === employee.id && current.contractId === input.contractId) return current;
          const now = this.deps.clock.now();
          if (current) await repo.end(current, now);
          const row: CustodianshipEntity = {
            id: newId(),
            assetId: input.assetId,
            employeeId: employee.id,
            contractId: input.contractId,
            clientId: input.clientId,
            since: now,
            until: null,
            currentAssetId: input.assetId,
          };
          await repo.insert(row);
          return row;
        });
      } catch (error) {
        if (!isRace(error)) throw error;
        if (attempt === ATTEMPTS) {
          throw new DomainError(
            ErrorCode.CONFLICT,
            `Another custodian was being assigned to asset ${input.assetId} at the same time. Try again.`,
          );
        }
        // A short, jittered pause, so that the racing assignments do not meet again at once.
        await new Promise((resolve) => setTimeout(resolve, attempt * 10 + Math.random() * 20));
      }
    }
  }

  /**
   * The current custodian of each asset, in two statements whatever the number of assets: one for
   * the custodianships (within the caller's client), one for their employees.
   */
  async currentCustodians(assetIds: readonly string[]): Promise<(CustodianView | null)[]> {
    const manager = this.deps.dataSource.manager;
    const custodianships = await new CustodianshipRepository(manager, this.scope).currentOf(assetIds);
    const employees = await new EmployeeRepository(manager, this.scope).findByIds(custodianships.map((c) => c.employeeId));
    const employeeById = new Map(employees.map((e) => [e.id, e]));
    const byAsset = new Map(custodianships.map((c) => [c.assetId, c]));
    return assetIds.map((assetId) => {
      const custodianship = byAsset.get(assetId);
      const employee = custodianship && employeeById.get(custodianship.employeeId);
      if (!custodianship || !employee) return null;
      return { name: employee.name, since: custodianship.since, employee: this.scope.kind === 'operator' ? employee : null };
    });
  }
}
