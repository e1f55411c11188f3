/** Per-request loader of DataAsset.custodian: the current custodian of every asset a response names, at once. */
import DataLoader from 'dataloader';
import type { TenantScope } from '@azukari/db';
import type { PersonnelDeps } from '../deps';
import { CustodianshipService, type CustodianView } from './custodianship.service';

export const custodianshipLoaders = (deps: PersonnelDeps, scope: TenantScope) => ({
  /** By asset id. */
  custodian: new DataLoader<string, CustodianView | null>(
    async (assetIds) => await new CustodianshipService(deps, scope).currentCustodians(assetIds),
  ),
});
export type CustodianshipLoaders = ReturnType<typeof custodianshipLoaders>;
