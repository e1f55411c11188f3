/** Per-request loaders of inspections' contracts, discussions and costs, and of a contract's inspections: one statement per list. */
import DataLoader from 'dataloader';
import type { TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import type { InspectionCostDiscussionEntity, InspectionCostEntity, InspectionEntity } from './inspection.entity';
import {
  InspectionContractRepository,
  InspectionCostDiscussionRepository,
  InspectionCostRepository,
  InspectionRepository,
} from './inspection.repository';

const grouped = <T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] => {
  const by = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) by.get(keyOf(row))?.push(row);
  return keys.map((k) => by.get(k) ?? []);
};

export const inspectionLoaders = (deps: ContractsDeps, scope: TenantScope) => ({
  inspectionContractIds: new DataLoader<string, string[]>(async (inspectionIds) =>
    grouped(
      inspectionIds,
      await new InspectionContractRepository(deps.dataSource.manager, scope).ofInspections(inspectionIds),
      (l) => l.inspectionId,
    ).map((links) => links.map((l) => l.contractId)),
  ),
  contractInspections: new DataLoader<string, InspectionEntity[]>(async (contractIds) => {
    const manager = deps.dataSource.manager;
    const links = await new InspectionContractRepository(manager, scope).ofContracts(contractIds);
    const rows = await new InspectionRepository(manager, scope).findByIds(links.map((l) => l.inspectionId));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return grouped(contractIds, links, (l) => l.contractId).map((ls) =>
      ls.flatMap((l) => {
        const row = byId.get(l.inspectionId);
        return row ? [row] : [];
      }),
    );
  }),
  inspectionCostDiscussions: new DataLoader<string, InspectionCostDiscussionEntity[]>(async (inspectionIds) =>
    grouped(
      inspectionIds,
      await new InspectionCostDiscussionRepository(deps.dataSource.manager, scope).ofInspections(inspectionIds),
      (d) => d.inspectionId,
    ),
  ),
  inspectionCosts: new DataLoader<string, InspectionCostEntity[]>(async (inspectionIds) =>
    grouped(
      inspectionIds,
      await new InspectionCostRepository(deps.dataSource.manager, scope).ofInspections(inspectionIds),
      (c) => c.inspectionId,
    ),
  ),
});
export type InspectionLoaders = ReturnType<typeof inspectionLoaders>;
