/** Per request: the caller, its tenant scope, and DataLoaders that batch look-ups across a response. */
import { inIdOrder } from '@azukari/common';
import DataLoader from 'dataloader';
import { scopeOf, type TenantScope } from '@azukari/db';
import type { BaseContext } from '@azukari/service-kit';
import type { IncidentsDeps } from './deps';
import { IncidentRepository } from './incident/incident.repository';
import type { IncidentEntity } from './incident/incident.entity';
import type { IncidentContractEntity } from './incident/incident-contract.entity';

/** One page request (first + after) shared by every parent of a field in one response. */
export interface PageKey {
  /** Rows to fetch per parent: first + 1, to know whether there is a next page. */
  limit: number;
  afterId: string | null;
}

export interface IncidentsContext extends BaseContext {
  scope: TenantScope;
  deps: IncidentsDeps;
  loaders: {
    incident: DataLoader<string, IncidentEntity | null>;
    /** The caller's visible links of an incident, by incident id. */
    links: DataLoader<string, IncidentContractEntity[]>;
    /** Incidents of a contract, by contract id, for one page request. */
    contractIncidents(page: PageKey): DataLoader<string, IncidentEntity[]>;
  };
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

export const createContext = (deps: IncidentsDeps, base: BaseContext): IncidentsContext => {
  const scope = scopeOf(base.principal);
  const repository = new IncidentRepository(deps.dataSource.manager, scope);
  // Contract.incidents may be asked with different arguments in one response: one loader each.
  const pages = new Map<string, DataLoader<string, IncidentEntity[]>>();
  return {
    ...base,
    scope,
    deps,
    loaders: {
      incident: new DataLoader(async (ids) => inIdOrder(ids, await repository.findByIds(ids))),
      links: new DataLoader(async (ids) => groupedBy(ids, await repository.linksOf(ids), (l) => l.incidentId)),
      contractIncidents: ({ limit, afterId }) => {
        const key = `${limit}:${afterId ?? ''}`;
        let loader = pages.get(key);
        if (!loader) {
          loader = new DataLoader(async (contractIds) => {
            const rows = await repository.pagesByContract(contractIds, afterId, limit);
            return groupedBy(contractIds, rows, (r) => r.contractId).map((page) => page.map((r) => r.incident));
          });
          pages.set(key, loader);
        }
        return loader;
      },
    },
  };
};
