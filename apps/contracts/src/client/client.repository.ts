/** The only place that touches client rows. A partner sees its own client and no other. */
import type { EntityManager } from 'typeorm';
import type { TenantScope } from '@azukari/db';
import { ClientEntity } from './client.entity';

export class ClientRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly scope: TenantScope,
  ) {}

  private visible(ids: string[]): string[] {
    return this.scope.kind === 'client' ? ids.filter((id) => id === (this.scope as { clientId: string }).clientId) : ids;
  }

  async findByIds(ids: readonly string[]): Promise<ClientEntity[]> {
    const wanted = this.visible([...new Set(ids)]);
    // IN (:...ids) rather than find options' In(), as ClientScopedRepository.findIn does.
    return wanted.length === 0
      ? []
      : await this.manager.createQueryBuilder(ClientEntity, 'c').where('c.id IN (:...ids)', { ids: wanted }).getMany();
  }

  async findById(id: string): Promise<ClientEntity | null> {
    return (await this.findByIds([id]))[0] ?? null;
  }

  async page(afterId: string | null, limit: number): Promise<ClientEntity[]> {
    const qb = this.manager.createQueryBuilder(ClientEntity, 'c').orderBy('c.id', 'ASC').limit(limit);
    if (this.scope.kind === 'client') qb.andWhere('c.id = :own', { own: this.scope.clientId });
    if (afterId) qb.andWhere('c.id > :afterId', { afterId });
    return await qb.getMany();
  }

  async existsByName(name: string): Promise<boolean> {
    return await this.manager.existsBy(ClientEntity, { name });
  }

  async insert(row: ClientEntity): Promise<void> {
    await this.manager.insert(ClientEntity, row);
  }

  async save(row: ClientEntity): Promise<void> {
    if (this.visible([row.id]).length === 0) throw new Error('tenant scope violated');
    await this.manager.save(ClientEntity, row);
  }
}
