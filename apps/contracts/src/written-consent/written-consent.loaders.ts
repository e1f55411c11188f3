/** Per-request loaders of written consents: one statement for every contract asked about in a request. */
import DataLoader from 'dataloader';
import type { TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import type { WrittenConsentEntity } from './written-consent.entity';
import { WrittenConsentRepository } from './written-consent.repository';

export const writtenConsentLoaders = (deps: ContractsDeps, scope: TenantScope) => ({
  consentsOfContract: new DataLoader<string, WrittenConsentEntity[]>(async (contractIds) => {
    const rows = await new WrittenConsentRepository(deps.dataSource.manager, scope).ofContracts(contractIds);
    return contractIds.map((id) => rows.filter((r) => r.contractId === id));
  }),
});
export type WrittenConsentLoaders = ReturnType<typeof writtenConsentLoaders>;
