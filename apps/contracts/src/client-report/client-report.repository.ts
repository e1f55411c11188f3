/** The only place that touches client reports; scoped to the caller's client. */
import type { EntityManager } from 'typeorm';
import { ClientScopedRepository, type TenantScope } from '@azukari/db';
import { ClientReportEntity } from './client-report.entity';

export class ClientReportRepository extends ClientScopedRepository<ClientReportEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, ClientReportEntity);
  }

  async page(clientId: string | null, afterId: string | null, limit: number): Promise<ClientReportEntity[]> {
    const qb = this.query('r').orderBy('r.id', 'ASC').limit(limit);
    if (clientId) qb.andWhere('r.clientId = :clientId', { clientId });
    if (afterId) qb.andWhere('r.id > :afterId', { afterId });
    return await qb.getMany();
  }

  async insert(row: ClientReportEntity): Promise<void> {
    if (!this.assertWritable(row.clientId)) throw new Error('tenant scope violated');
    await this.manager.insert(ClientReportEntity, row);
  }

  async save(row: ClientReportEntity): Promise<void> {
    if (!this.assertWritable(row.clientId)) throw new Error('tenant scope violated');
    await this.manager.save(ClientReportEntity, row);
  }
}
