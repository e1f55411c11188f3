/** Per-request loaders of data assets: one statement per request for any number of ids or contracts. */
import DataLoader from 'dataloader';
import { inIdOrder } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import type { CustodyDeps } from '../deps';
import { DataAssetRepository } from './data-asset.repository';
import type { DataAssetEntity } from './data-asset.entity';

/** One contract's page of assets; `limit` is the page size plus one, so the page knows if more follow. */
export interface ContractAssetsKey {
  contractId: string;
  limit: number;
  afterId: string | null;
}

const pageOf = (key: ContractAssetsKey): string => `${key.limit}|${key.afterId ?? ''}`;

/**
 * Pages of many contracts' assets. Keys that ask for the same page (the same size and cursor, as
 * every parent of one selection does) share one statement, whatever the number of contracts.
 */
const contractAssetPages = async (repo: DataAssetRepository, keys: readonly ContractAssetsKey[]): Promise<DataAssetEntity[][]> => {
  const groups = new Map<string, ContractAssetsKey[]>();
  for (const key of keys) groups.set(pageOf(key), [...(groups.get(pageOf(key)) ?? []), key]);
  const byContract = new Map<string, DataAssetEntity[]>();
  for (const [page, members] of groups) {
    const { limit, afterId } = members[0]!;
    const rows = await repo.pagesByContract(
      members.map((k) => k.contractId),
      afterId,
      limit,
    );
    for (const row of rows) {
      const slot = `${page}|${row.contractId}`;
      byContract.set(slot, [...(byContract.get(slot) ?? []), row]);
    }
  }
  return keys.map((key) => byContract.get(`${pageOf(key)}|${key.contractId}`) ?? []);
};

export const dataAssetLoaders = (deps: CustodyDeps, scope: TenantScope) => {
  // Made at each batch, not once: inside a keyed mutation the data source's manager is the request's transaction.
  const assets = () => new DataAssetRepository(deps.dataSource.manager, scope);
  return {
    asset: new DataLoader<string, DataAssetEntity | null>(async (ids) => inIdOrder(ids, await assets().findByIds(ids))),
    contractAssets: new DataLoader<ContractAssetsKey, DataAssetEntity[], string>(async (keys) => await contractAssetPages(assets(), keys), {
      cacheKeyFn: (key) => `${pageOf(key)}|${key.contractId}`,
    }),
  };
};
export type DataAssetLoaders = ReturnType<typeof dataAssetLoaders>;
