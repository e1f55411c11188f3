/**
 * Data assets (Art 1(1), 2.1): entrusted personal information held under a contract. Other
 * services ask which contract and client an asset belongs to on LookupAssets.
 */
import { scopeOf } from '@azukari/db';
import { LookupAssets } from '@azukari/routes';
import { defineFeature, implement, type Feature } from '@azukari/service-kit';
import type { CustodyDeps } from '../deps';
import { DataAssetEntity } from './data-asset.entity';
import { dataAssetLoaders, type DataAssetLoaders } from './data-asset.loaders';
import { dataAssetReferences } from './data-asset.reference';
import { DataAssetRepository } from './data-asset.repository';
import { DataAssetResolver } from './data-asset.resolver';
import { ContractAssetsResolver, DataAssetContractResolver } from '../federated/contract';

export const dataAssetFeature: Feature<CustodyDeps, DataAssetLoaders> = defineFeature({
  name: 'data-asset',
  entities: [DataAssetEntity],
  resolvers: [DataAssetResolver, DataAssetContractResolver, ContractAssetsResolver],
  references: dataAssetReferences,
  loaders: dataAssetLoaders,
  routes: (deps) => [
    implement(LookupAssets, async ({ ids }, { caller }) => {
      const rows = await new DataAssetRepository(deps.dataSource.manager, scopeOf(caller)).findByIds(ids);
      return { assets: rows.map((a) => ({ id: a.id, contractId: a.contractId, clientId: a.clientId, status: a.status })) };
    }),
  ],
});
