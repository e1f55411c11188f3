/**
 * The rules of custodianships: set by staff with a writing role, only to an active employee, one
 * current custodian per asset. custody asks `check` before it commits an asset; the custodianship
 * is recorded by `record` from custody's CustodianAssigned event, once per event, so nothing is
 * recorded for an asset custody failed to commit. A partner sees the custodian of its own assets
 * by name only.
 */
import { DomainError, ErrorCode, WRITING_STAFF, isStaff, newId, type Principal } from '@azukari/common';
import { OPERATOR_SCOPE, processOnce, type TenantScope } from '@azukari/db';
import type { CustodianAssigned, JobPayload } from '@azukari/jobs';
import type { PersonnelDeps } from '../deps';
import { EmployeeRepository } from '../employee/employee.repository';
import { requireActive } from '../employee/employee.service';
import type { EmployeeEntity } from '../employee/employee.entity';
import type { CustodianshipEntity } from './custodianship.entity';
import { CustodianshipRepository } from './custodianship.repository';

export interface CustodianCheck {
  employeeId: string;
  assetId: string;
  clientId: string;
}

/** What DataAsset.custodian shows: the employee row only where the caller may see it. */
export interface CustodianView {
  name: string;
  since: Date;
  /** The full employee for staff; null for a partner, which learns the name only. */
  employee: EmployeeEntity | null;
}

const CONSUMER = 'personnel';

export class CustodianshipService {
  constructor(
    private readonly deps: PersonnelDeps,
    private readonly scope: TenantScope,
  ) {}

  /** May the carried caller make this employee the asset's custodian? Records nothing. */
  async check(input: CustodianCheck, caller: Principal | null): Promise<EmployeeEntity> {
    if (!caller || !isStaff(caller) || !WRITING_STAFF.includes(caller.role)) {
      throw new DomainError(ErrorCode.FORBIDDEN, `Only staff with a writing role (${WRITING_STAFF.join(', ')}) may set a custodian.`);
    }
    const manager = this.deps.dataSource.manager;
    // Employees are the operator's rows, looked up whatever the carried caller's scope.
    const employee = requireActive(
      await new EmployeeRepository(manager, OPERATOR_SCOPE).findById(input.employeeId),
      input.employeeId,
      'a custodian',
    );
    const current = (await new CustodianshipRepository(manager, OPERATOR_SCOPE).currentOf([input.assetId]))[0];
    if (current && current.clientId !== input.clientId) {
      // An asset never changes client; a different one means the request names the wrong client.
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `Asset ${input.assetId} is held for another client; pass the asset's own clientId.`);
    }
    return employee;
  }

  /**
   * Records what custody committed, once per event. Events of one asset may arrive out of order
   * (a retry, several consumers): an assignment older than the current one is kept as history
   * and changes nothing current, so the latest assignment always wins.
   */
  async record(assigned: JobPayload<typeof CustodianAssigned>, jobId: string): Promise<boolean> {
    const at = new Date(assigned.at);
    return await processOnce(this.deps.dataSource, this.deps.clock, CONSUMER, jobId, async (manager) => {
      const repo = new CustodianshipRepository(manager, OPERATOR_SCOPE);
      const current = await repo.currentForUpdate(assigned.assetId);
      const row: CustodianshipEntity = {
        id: newId(),
        assetId: assigned.assetId,
        employeeId: assigned.employeeId,
        contractId: assigned.contractId,
        clientId: assigned.clientId,
        since: at,
        until: null,
        currentAssetId: assigned.assetId,
      };
      if (current && current.since.getTime() > at.getTime()) {
        row.until = await repo.nextStartAfter(assigned.assetId, at);
        row.currentAssetId = null;
      } else if (current) {
        await repo.end(current, at);
      }
      await repo.insert(row);
    });
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
