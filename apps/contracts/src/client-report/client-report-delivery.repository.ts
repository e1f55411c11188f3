/** The only place that touches report deliveries and their tries; scoped to the caller's client. */
import type { EntityManager } from 'typeorm';
import { ClientScopedRepository, type TenantScope } from '@azukari/db';
import { ClientReportAttemptEntity } from './client-report-attempt.entity';
import { ClientReportDeliveryEntity, type ChannelDeliveryStatus } from './client-report-delivery.entity';

export class ClientReportDeliveryRepository extends ClientScopedRepository<ClientReportDeliveryEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, ClientReportDeliveryEntity);
  }

  async ofReports(reportIds: readonly string[]): Promise<ClientReportDeliveryEntity[]> {
    const rows = await this.findIn('reportId', reportIds);
    return rows.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The report's deliveries, locked for the rest of the transaction: outcomes of two channels must not interleave. */
  async lockOfReport(reportId: string): Promise<ClientReportDeliveryEntity[]> {
    return await this.query('d')
      .andWhere('d.reportId = :reportId', { reportId })
      .orderBy('d.id', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  async page(
    filter: { clientId: string | null; status: ChannelDeliveryStatus | null },
    afterId: string | null,
    limit: number,
  ): Promise<ClientReportDeliveryEntity[]> {
    const qb = this.query('d').orderBy('d.id', 'ASC').limit(limit);
    if (filter.clientId) qb.andWhere('d.clientId = :clientId', { clientId: filter.clientId });
    if (filter.status) qb.andWhere('d.status = :status', { status: filter.status });
    if (afterId) qb.andWhere('d.id > :afterId', { afterId });
    return await qb.getMany();
  }
}

export class ClientReportAttemptRepository extends ClientScopedRepository<ClientReportAttemptEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, ClientReportAttemptEntity);
  }

  async ofDeliveries(deliveryIds: readonly string[]): Promise<ClientReportAttemptEntity[]> {
    const rows = await this.findIn('deliveryId', deliveryIds);
    return rows.sort((a, b) => a.attempt - b.attempt);
  }
}
