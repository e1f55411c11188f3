/** The only place that touches webhook endpoints; scoped to the caller's client. */
import type { EntityManager } from 'typeorm';
import { ClientScopedRepository, type TenantScope } from '@azukari/db';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export class WebhookEndpointRepository extends ClientScopedRepository<WebhookEndpointEntity> {
  constructor(manager: EntityManager, scope: TenantScope) {
    super(manager, scope, WebhookEndpointEntity);
  }

  async page(clientId: string | null, afterId: string | null, limit: number): Promise<WebhookEndpointEntity[]> {
    const qb = this.query('w').orderBy('w.id', 'ASC').limit(limit);
    if (clientId) qb.andWhere('w.clientId = :clientId', { clientId });
    if (afterId) qb.andWhere('w.id > :afterId', { afterId });
    return await qb.getMany();
  }

  async ofClient(clientId: string): Promise<WebhookEndpointEntity[]> {
    return await this.query('w').andWhere('w.clientId = :clientId', { clientId }).orderBy('w.id', 'ASC').getMany();
  }

  /** The row, locked for the rest of the transaction: a rotation and a 410 must not interleave. */
  async lockById(id: string): Promise<WebhookEndpointEntity | null> {
    return await this.query('w').andWhere('w.id = :id', { id }).setLock('pessimistic_write').getOne();
  }
}
