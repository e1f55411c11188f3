/** The only place that touches token rows. Tokens are operator data: staff (admins) only. */
import { IsNull, type EntityManager } from 'typeorm';
import { ApiTokenEntity } from './api-token.entity';

export class ApiTokenRepository {
  constructor(private readonly manager: EntityManager) {}

  async findByHmac(hmac: string): Promise<ApiTokenEntity | null> {
    return await this.manager.findOneBy(ApiTokenEntity, { hmac });
  }

  async findById(id: string): Promise<ApiTokenEntity | null> {
    return await this.manager.findOneBy(ApiTokenEntity, { id });
  }

  async page(afterId: string | null, limit: number): Promise<ApiTokenEntity[]> {
    const qb = this.manager.createQueryBuilder(ApiTokenEntity, 't').orderBy('t.id', 'ASC').limit(limit);
    if (afterId) qb.andWhere('t.id > :afterId', { afterId });
    return await qb.getMany();
  }

  async liveBootstrapTokens(): Promise<ApiTokenEntity[]> {
    return await this.manager.findBy(ApiTokenEntity, { bootstrap: true, revokedAt: IsNull() });
  }

  async insert(row: ApiTokenEntity): Promise<void> {
    await this.manager.insert(ApiTokenEntity, row);
  }

  async reinstate(id: string): Promise<void> {
    // The id is set too: the audit hook records an update by the row it names.
    await this.manager.update(ApiTokenEntity, { id }, { id, revokedAt: null });
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.manager.update(ApiTokenEntity, { id, revokedAt: IsNull() }, { id, revokedAt: at });
  }
}
