/** Per-request loaders of clients: one statement per request, whatever the number of ids. */
import DataLoader from 'dataloader';
import { inIdOrder } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import type { ClientEntity } from './client.entity';
import { ClientRepository } from './client.repository';

export const clientLoaders = (deps: ContractsDeps, scope: TenantScope) => ({
  client: new DataLoader<string, ClientEntity | null>(async (ids) =>
    inIdOrder(ids, await new ClientRepository(deps.dataSource.manager, scope).findByIds(ids)),
  ),
});
export type ClientLoaders = ReturnType<typeof clientLoaders>;
