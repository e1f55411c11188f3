/**
 * The only place that touches incident and incident_contract rows, and where tenant scope is
 * applied. Incidents are operator-owned and carry no clientId: a partner reaches one only through
 * a link row of its own client (EXISTS on incident_contract.clientId), and sees only those links.
 */
import { In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { TenantScope } from '@azukari/db';
import { IncidentEntity } from './incident.entity';
import { IncidentContractEntity } from './incident-contract.entity';

/** One incident on one contract's page (an incident appears on the page of every contract it touches). */
export interface ContractIncident {
  contractId: string;
  incident: IncidentEntity;
}

export class IncidentRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly scope: TenantScope,
  ) {}

  /**
   * Narrows `qb` (over incidents as `alias`) to incidents with a link row the caller may see,
   * on `contractId` if given. Staff without a contract filter need no link: every incident is theirs.
   */
  private visible(qb: SelectQueryBuilder<IncidentEntity>, alias: string, contractId: string | null): SelectQueryBuilder<IncidentEntity> {
    if (this.scope.kind === 'operator' && !contractId) return qb;
    const link = qb.subQuery().select('1').from(IncidentContractEntity, 'vl').where(`vl.incidentId = ${alias}.id`);
    if (this.scope.kind === 'client') link.andWhere('vl.clientId = :tenantClientId');
    if (contractId) link.andWhere('vl.contractId = :visibleContractId');
    return qb.andWhere(`EXISTS ${link.getQuery()}`, {
      ...(this.scope.kind === 'client' ? { tenantClientId: this.scope.clientId } : {}),
      ...(contractId ? { visibleContractId: contractId } : {}),
    });
  }

  /** One statement for any number of ids; incidents the caller may not see are simply absent. */
  async findByIds(ids: readonly string[]): Promise<IncidentEntity[]> {
    if (ids.length === 0) return [];
    const qb = this.manager.createQueryBuilder(IncidentEntity, 'i').where('i.id IN (:...ids)', { ids: [...new Set(ids)] });
    return await this.visible(qb, 'i', null).getMany();
  }

  /** A keyset page of incidents, of one contract if given, oldest first. */
  async page(contractId: string | null, afterId: string | null, limit: number): Promise<IncidentEntity[]> {
    const qb = this.manager.createQueryBuilder(IncidentEntity, 'i').orderBy('i.id', 'ASC').limit(limit);
    if (afterId) qb.andWhere('i.id > :afterId', { afterId });
    return await this.visible(qb, 'i', contractId).getMany();
  }

  /**
   * A page of incidents for each of many contracts, in ONE statement: the link rows are numbered
   * per contract (ROW_NUMBER() OVER (PARTITION BY contractId)) and cut at `limit` each, so the
   * statement count does not grow with the number of contracts. A partner's links are those of
   * its own client: another client's contract yields nothing.
   */
  async pagesByContract(contractIds: readonly string[], afterId: string | null, limit: number): Promise<ContractIncident[]> {
    if (contractIds.length === 0) return [];
    const scope = this.scope;
    const { raw, entities } = await this.manager
      .createQueryBuilder(IncidentEntity, 'i')
      .innerJoin(
        (sub) => {
          const ranked = sub
            .select('pl.contractId', 'contractId')
            .addSelect('pl.incidentId', 'incidentId')
            .addSelect('ROW_NUMBER() OVER (PARTITION BY pl.contractId ORDER BY pl.incidentId)', 'position')
            .from(IncidentContractEntity, 'pl')
            .where('pl.contractId IN (:...pageContractIds)', { pageContractIds: [...new Set(contractIds)] });
          if (scope.kind === 'client') ranked.andWhere('pl.clientId = :tenantClientId', { tenantClientId: scope.clientId });
          if (afterId) ranked.andWhere('pl.incidentId > :afterId', { afterId });
          return ranked;
        },
        'ranked',
        'ranked.incidentId = i.id',
      )
      .addSelect('ranked.contractId', 'pageContractId')
      .where('ranked.position <= :limit', { limit })
      .orderBy('ranked.contractId', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .getRawAndEntities<{ i_id: string; pageContractId: string }>();
    // TypeORM hydrates each incident once; the raw rows say which contract pages it is on.
    const byId = new Map(entities.map((e) => [e.id, e]));
    return raw.flatMap((r) => {
      const incident = byId.get(r.i_id);
      return incident ? [{ contractId: r.pageContractId, incident }] : [];
    });
  }

  /** The link rows of these incidents that the caller may see, in the order they were written. */
  async linksOf(incidentIds: readonly string[]): Promise<IncidentContractEntity[]> {
    if (incidentIds.length === 0) return [];
    const where = { incidentId: In([...new Set(incidentIds)]) };
    return await this.manager.find(IncidentContractEntity, {
      where: this.scope.kind === 'client' ? { ...where, clientId: this.scope.clientId } : where,
      order: { id: 'ASC' },
    });
  }

  /** An incident and its links; a partner could write only links of its own client. */
  async insert(incident: IncidentEntity, links: IncidentContractEntity[]): Promise<void> {
    const scope = this.scope;
    if (scope.kind === 'client' && links.some((l) => l.clientId !== scope.clientId)) throw new Error('tenant scope violated');
    await this.manager.insert(IncidentEntity, incident);
    await this.manager.insert(IncidentContractEntity, links);
  }
}
