/** Per-request loaders of report deliveries and their tries: one statement per list, whatever its length. */
import DataLoader from 'dataloader';
import type { TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import type { ClientReportAttemptEntity } from './client-report-attempt.entity';
import type { ClientReportDeliveryEntity } from './client-report-delivery.entity';
import { ClientReportAttemptRepository, ClientReportDeliveryRepository } from './client-report-delivery.repository';

const grouped = <T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] => {
  const by = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) by.get(keyOf(row))?.push(row);
  return keys.map((k) => by.get(k) ?? []);
};

export const clientReportLoaders = (deps: ContractsDeps, scope: TenantScope) => ({
  reportDeliveries: new DataLoader<string, ClientReportDeliveryEntity[]>(async (reportIds) =>
    grouped(reportIds, await new ClientReportDeliveryRepository(deps.dataSource.manager, scope).ofReports(reportIds), (d) => d.reportId),
  ),
  deliveryAttempts: new DataLoader<string, ClientReportAttemptEntity[]>(async (deliveryIds) =>
    grouped(
      deliveryIds,
      await new ClientReportAttemptRepository(deps.dataSource.manager, scope).ofDeliveries(deliveryIds),
      (a) => a.deliveryId,
    ),
  ),
});
export type ClientReportLoaders = ReturnType<typeof clientReportLoaders>;
