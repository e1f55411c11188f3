/**
 * Tenant scoping, applied in one place: a repository is built for a request's scope and adds the
 * client id to every read and write it makes, so no resolver (and no __resolveReference, which
 * bypasses resolver middleware) has to remember it.
 */
import {
  Brackets,
  type EntityManager,
  type EntityTarget,
  type FindOptionsWhere,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from 'typeorm';
import { isPartner, isUuid, type Principal } from '@azukari/common';

export type TenantScope = { kind: 'operator' } | { kind: 'client'; clientId: string };

export const OPERATOR_SCOPE: TenantScope = { kind: 'operator' };

export const scopeOf = (principal: Principal | null): TenantScope => {
  if (!principal || !isPartner(principal)) return OPERATOR_SCOPE;
  // A partner without a client would read as the operator: refuse rather than widen.
  if (!isUuid(principal.clientId ?? '')) throw new Error('a partner principal without a client id');
  return { kind: 'client', clientId: principal.clientId };
};

export interface ClientOwned extends ObjectLiteral {
  id: string;
  clientId: string;
}

/** The base of every repository over client-owned rows. */
export class ClientScopedRepository<E extends ClientOwned> {
  constructor(
    protected readonly manager: EntityManager,
    protected readonly scope: TenantScope,
    protected readonly target: EntityTarget<E>,
  ) {}

  /** `where` narrowed to the caller's client. */
  protected scoped(where: FindOptionsWhere<E> = {}): FindOptionsWhere<E> {
    return this.scope.kind === 'client' ? ({ ...where, clientId: this.scope.clientId } as FindOptionsWhere<E>) : where;
  }

  /** A query builder already narrowed to the caller's client. */
  protected query(alias: string): SelectQueryBuilder<E> {
    const qb = this.manager.createQueryBuilder(this.target, alias);
    if (this.scope.kind === 'client') {
      qb.andWhere(
        new Brackets((b) =>
          b.where(`${alias}.clientId = :tenantClientId`, { tenantClientId: (this.scope as { clientId: string }).clientId }),
        ),
      );
    }
    return qb;
  }

  async findById(id: string): Promise<E | null> {
    return await this.manager.findOneBy(this.target, this.scoped({ id } as FindOptionsWhere<E>));
  }

  /**
   * One statement for any number of ids; rows outside the scope are simply absent. Written as
   * `IN (:...ids)`, which the driver expands once: find options' `In()` makes a parameter per id,
   * each checked against all before it (1.0 ms of CPU for 100 ids against 0.6 ms; docs/BENCHMARKS.md).
   */
  async findByIds(ids: readonly string[]): Promise<E[]> {
    return await this.findIn('id', ids);
  }

  /** The rows whose `column` is one of `values`, in one statement, within the scope. */
  protected async findIn(column: keyof E & string, values: readonly string[]): Promise<E[]> {
    if (values.length === 0) return [];
    return await this.query('e')
      .andWhere(`e.${column} IN (:...values)`, { values: [...new Set(values)] })
      .getMany();
  }

  /** A write is refused for a row of another client: it must be the caller's own. */
  protected assertWritable(clientId: string): boolean {
    return this.scope.kind === 'operator' || this.scope.clientId === clientId;
  }

  /** Throws before a write of another client's row: a defect, never a caller's mistake. */
  protected mustBeWritable(row: E): void {
    if (!this.assertWritable(row.clientId)) throw new Error('tenant scope violated');
  }

  /** A new row of the caller's own client. */
  async insert(row: E): Promise<void> {
    this.mustBeWritable(row);
    await this.manager.insert(this.target, row as Parameters<EntityManager['insert']>[1]);
  }

  /** A changed row of the caller's own client, named by its id (the audit hook records it by that). */
  async save(row: E): Promise<void> {
    this.mustBeWritable(row);
    await this.manager.save(this.target, row);
  }

  /**
   * Writes `fields` of a row of the caller's own client without reading it first, as `save` does.
   * The id and client go along unchanged, so that the audit hook records the update by the row it names.
   */
  async update<K extends keyof E & string>(row: E, fields: readonly K[]): Promise<void> {
    this.mustBeWritable(row);
    const changes: Record<string, unknown> = { id: row.id, clientId: row.clientId };
    for (const field of fields) changes[field] = row[field];
    await this.manager.update(this.target, { id: row.id } as FindOptionsWhere<E>, changes as Parameters<EntityManager['update']>[2]);
  }

  /** Removes a row of the caller's own client, as an entity, so that its audit entry names it. */
  async remove(row: E): Promise<void> {
    this.mustBeWritable(row);
    await this.manager.remove(this.target, row);
  }
}
