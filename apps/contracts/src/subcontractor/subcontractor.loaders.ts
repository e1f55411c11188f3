/** Per-request loaders of subcontractors: one statement per request, whatever the number of ids. */
import DataLoader from 'dataloader';
import { inIdOrder } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import type { SubcontractorEntity } from './subcontractor.entity';
import { SubcontractorRepository } from './subcontractor.repository';

export const subcontractorLoaders = (deps: ContractsDeps, scope: TenantScope) => ({
  subcontractor: new DataLoader<string, SubcontractorEntity | null>(async (ids) =>
    inIdOrder(ids, await new SubcontractorRepository(deps.dataSource.manager, scope).findByIds(ids)),
  ),
});
export type SubcontractorLoaders = ReturnType<typeof subcontractorLoaders>;
