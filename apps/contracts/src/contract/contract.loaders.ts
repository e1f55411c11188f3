/** Per-request loaders of contracts: one statement per request, whatever the number of ids. */
import DataLoader from 'dataloader';
import { inIdOrder } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import type { ContractEntity } from './contract.entity';
import type { ContractPurposeVersionEntity } from './contract-purpose-version.entity';
import { ContractRepository } from './contract.repository';

export const contractLoaders = (deps: ContractsDeps, scope: TenantScope) => ({
  contract: new DataLoader<string, ContractEntity | null>(async (ids) =>
    inIdOrder(ids, await new ContractRepository(deps.dataSource.manager, scope).findByIds(ids)),
  ),
  purposeVersions: new DataLoader<string, ContractPurposeVersionEntity[]>(async (contractIds) => {
    const rows = await new ContractRepository(deps.dataSource.manager, scope).versionsOf(contractIds);
    return contractIds.map((id) => rows.filter((r) => r.contractId === id));
  }),
});
export type ContractLoaders = ReturnType<typeof contractLoaders>;
