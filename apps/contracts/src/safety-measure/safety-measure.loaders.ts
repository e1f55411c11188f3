/** Per-request loaders of safety measures: one batch per request, whatever the number of contracts or measures. */
import DataLoader from 'dataloader';
import type { TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import type { SafetyMeasureVersionEntity } from './safety-measure-version.entity';
import { SafetyMeasureRepository, type MeasureOnContract } from './safety-measure.repository';

const groupBy = <T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] => {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  return keys.map((k) => groups.get(k) ?? []);
};

export const safetyMeasureLoaders = (deps: ContractsDeps, scope: TenantScope) => ({
  /** The measures in force on each contract, within the caller's scope. */
  contractSafetyMeasures: new DataLoader<string, MeasureOnContract[]>(async (contractIds) =>
    groupBy(contractIds, await new SafetyMeasureRepository(deps.dataSource.manager, scope).inForceOn(contractIds), (m) => m.contractId),
  ),
  safetyMeasureVersions: new DataLoader<string, SafetyMeasureVersionEntity[]>(async (measureIds) =>
    groupBy(measureIds, await new SafetyMeasureRepository(deps.dataSource.manager, scope).versionsOf(measureIds), (v) => v.measureId),
  ),
});
export type SafetyMeasureLoaders = ReturnType<typeof safetyMeasureLoaders>;
