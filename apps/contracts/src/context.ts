/** Per request: the caller, its tenant scope, and DataLoaders that batch entity look-ups. */
import { inIdOrder } from '@azukari/common';
import DataLoader from 'dataloader';
import { scopeOf, type TenantScope } from '@azukari/db';
import type { BaseContext } from '@azukari/service-kit';
import type { ContractsDeps } from './deps';
import { ClientRepository } from './client/client.repository';
import type { ClientEntity } from './client/client.entity';
import { ContractRepository } from './contract/contract.repository';
import type { ContractEntity } from './contract/contract.entity';

export interface ContractsContext extends BaseContext {
  scope: TenantScope;
  deps: ContractsDeps;
  loaders: {
    client: DataLoader<string, ClientEntity | null>;
    contract: DataLoader<string, ContractEntity | null>;
  };
}

export const createContext = (deps: ContractsDeps, base: BaseContext): ContractsContext => {
  const scope = scopeOf(base.principal);
  const manager = deps.dataSource.manager;
  return {
    ...base,
    scope,
    deps,
    loaders: {
      client: new DataLoader(async (ids) => inIdOrder(ids, await new ClientRepository(manager, scope).findByIds(ids))),
      contract: new DataLoader(async (ids) => inIdOrder(ids, await new ContractRepository(manager, scope).findByIds(ids))),
    },
  };
};
