/** Per-request loaders of incidents, their links and contracts' incident pages: one statement each per request. */
import DataLoader from 'dataloader';
import { inIdOrder } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import type { IncidentsDeps } from '../deps';
import { IncidentRepository } from './incident.repository';
import type { IncidentEntity } from './incident.entity';

/** One page request (first + after) shared by every parent of a field in one response. */
export interface PageKey {
  /** Rows to fetch per parent: first + 1, to know whether there is a next page. */
  limit: number;
  afterId: string | null;
}

const groupedBy = <T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] => {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = map.get(key);
    if (group) group.push(row);
    else map.set(key, [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
};

export const incidentLoaders = (deps: IncidentsDeps, scope: TenantScope) => {
  // Made at each batch, not once: inside a keyed mutation the data source's manager is the request's transaction.
  const repository = () => new IncidentRepository(deps.dataSource.manager, scope);
  // Contract.incidents may be asked with different arguments in one response: one loader each.
  const pages = new Map<string, DataLoader<string, IncidentEntity[]>>();
  return {
    incident: new DataLoader<string, IncidentEntity | null>(async (ids) => inIdOrder(ids, await repository().findByIds(ids))),
    /** The caller's visible links of an incident, by incident id. */
    links: new DataLoader(async (ids: readonly string[]) => groupedBy(ids, await repository().linksOf(ids), (l) => l.incidentId)),
    /** Incidents of a contract, by contract id, for one page request. */
    contractIncidents: ({ limit, afterId }: PageKey): DataLoader<string, IncidentEntity[]> => {
      const key = `${limit}:${afterId ?? ''}`;
      let loader = pages.get(key);
      if (!loader) {
        loader = new DataLoader(async (contractIds) => {
          const rows = await repository().pagesByContract(contractIds, afterId, limit);
          return groupedBy(contractIds, rows, (r) => r.contractId).map((page) => page.map((r) => r.incident));
        });
        pages.set(key, loader);
      }
      return loader;
    },
  };
};
export type IncidentLoaders = ReturnType<typeof incidentLoaders>;
