/** Per request: the caller, its tenant scope, and DataLoaders that batch look-ups across the request. */
import { inIdOrder } from '@azukari/common';
import DataLoader from 'dataloader';
import { scopeOf, type TenantScope } from '@azukari/db';
import type { BaseContext } from '@azukari/service-kit';
import type { PersonnelDeps } from './deps';
import { EmployeeRepository } from './employee/employee.repository';
import type { EmployeeEntity } from './employee/employee.entity';
import { CustodianshipService, type CustodianView } from './custodianship/custodianship.service';

export interface PersonnelContext extends BaseContext {
  scope: TenantScope;
  deps: PersonnelDeps;
  loaders: {
    employee: DataLoader<string, EmployeeEntity | null>;
    /** By asset id: the current custodian of each asset the request names. */
    custodian: DataLoader<string, CustodianView | null>;
  };
}

export const createContext = (deps: PersonnelDeps, base: BaseContext): PersonnelContext => {
  const scope = scopeOf(base.principal);
  const manager = deps.dataSource.manager;
  return {
    ...base,
    scope,
    deps,
    loaders: {
      employee: new DataLoader(async (ids) => inIdOrder(ids, await new EmployeeRepository(manager, scope).findByIds(ids))),
      custodian: new DataLoader(async (assetIds) => await new CustodianshipService(deps, scope).currentCustodians(assetIds)),
    },
  };
};
