/**
 * The only place that touches safety measures, their versions and their links to contracts, and
 * where tenant scope is applied. Catalogue measures carry no client: a partner reaches one only
 * through a link row of its own client (EXISTS on contract_safety_measure.clientId); a
 * contract-specific addition carries its client and is scoped by it. Only staff change measures: a
 * write in a client's scope is a defect and throws.
 */
import { In, IsNull, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { TenantScope } from '@azukari/db';
import { ContractEntity } from '../contract/contract.entity';
import { ContractSafetyMeasureEntity } from './contract-safety-measure.entity';
import { SafetyMeasureEntity, type SafetyMeasureCategory, type SafetyMeasureStatus } from './safety-measure.entity';
import { SafetyMeasureVersionEntity } from './safety-measure-version.entity';

export interface SafetyMeasureFilter {
  category: SafetyMeasureCategory | null;
  status: SafetyMeasureStatus | null;
  /** Only the catalogue (true), only contract-specific additions (false), or both (null). */
  catalogue: boolean | null;
  /** Only the measures in force on this contract: catalogue measures applied to it and its additions. */
  contractId: string | null;
}

/** A measure in force on a contract, with when it came to apply there. */
export interface MeasureOnContract {
  contractId: string;
  measure: SafetyMeasureEntity;
  appliedAt: Date;
}

/** A contract that a catalogue measure applies to, and its client. */
export interface Application {
  clientId: string;
  contractId: string;
}

export class SafetyMeasureRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly scope: TenantScope,
  ) {}

  private mustBeOperator(): void {
    if (this.scope.kind !== 'operator') throw new Error('tenant scope violated: only staff change safety measures');
  }

  /** Narrows `qb` (over measures as `m`) to those the caller may see. */
  private visible(qb: SelectQueryBuilder<SafetyMeasureEntity>): SelectQueryBuilder<SafetyMeasureEntity> {
    if (this.scope.kind === 'operator') return qb;
    const link = qb
      .subQuery()
      .select('1')
      .from(ContractSafetyMeasureEntity, 'vl')
      .where('vl.measureId = m.id')
      .andWhere('vl.clientId = :tenantClientId')
      .getQuery();
    return qb.andWhere(`(m.clientId = :tenantClientId OR (m.clientId IS NULL AND EXISTS ${link}))`, {
      tenantClientId: this.scope.clientId,
    });
  }

  async findByIds(ids: readonly string[]): Promise<SafetyMeasureEntity[]> {
    if (ids.length === 0) return [];
    const qb = this.manager.createQueryBuilder(SafetyMeasureEntity, 'm').where('m.id IN (:...ids)', { ids: [...new Set(ids)] });
    return await this.visible(qb).getMany();
  }

  async findById(id: string): Promise<SafetyMeasureEntity | null> {
    return (await this.findByIds([id]))[0] ?? null;
  }

  /** The row, locked for the rest of the transaction: two changes of one measure take turns. */
  async lockById(id: string): Promise<SafetyMeasureEntity | null> {
    this.mustBeOperator();
    return await this.manager
      .createQueryBuilder(SafetyMeasureEntity, 'm')
      .where('m.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  async page(filter: SafetyMeasureFilter, afterId: string | null, limit: number): Promise<SafetyMeasureEntity[]> {
    const qb = this.manager.createQueryBuilder(SafetyMeasureEntity, 'm').orderBy('m.id', 'ASC').limit(limit);
    if (filter.category) qb.andWhere('m.category = :category', { category: filter.category });
    if (filter.status) qb.andWhere('m.status = :status', { status: filter.status });
    if (filter.catalogue === true) qb.andWhere('m.contractId IS NULL');
    if (filter.catalogue === false) qb.andWhere('m.contractId IS NOT NULL');
    if (filter.contractId) {
      const applied = qb
        .subQuery()
        .select('1')
        .from(ContractSafetyMeasureEntity, 'fl')
        .where('fl.measureId = m.id AND fl.contractId = :filterContractId AND fl.unappliedAt IS NULL')
        .getQuery();
      qb.andWhere(`(m.contractId = :filterContractId OR EXISTS ${applied})`, { filterContractId: filter.contractId });
    }
    if (afterId) qb.andWhere('m.id > :afterId', { afterId });
    return await this.visible(qb).getMany();
  }

  /**
   * The measures in force (ACTIVE) on each of these contracts, in two statements whatever their
   * number: the catalogue measures applied to them and their own additions. A partner's are those
   * of its own client: another client's contract yields nothing.
   */
  async inForceOn(contractIds: readonly string[]): Promise<MeasureOnContract[]> {
    if (contractIds.length === 0) return [];
    const ids = [...new Set(contractIds)];
    const links = this.manager
      .createQueryBuilder(ContractSafetyMeasureEntity, 'l')
      .where('l.contractId IN (:...ids) AND l.unappliedAt IS NULL', { ids });
    if (this.scope.kind === 'client') links.andWhere('l.clientId = :tenantClientId', { tenantClientId: this.scope.clientId });
    const linkRows = await links.getMany();
    const applied =
      linkRows.length === 0
        ? []
        : await this.manager.find(SafetyMeasureEntity, {
            where: { id: In([...new Set(linkRows.map((l) => l.measureId))]), status: 'ACTIVE', contractId: IsNull() },
          });
    const byId = new Map(applied.map((m) => [m.id, m]));
    const own = this.manager
      .createQueryBuilder(SafetyMeasureEntity, 'm')
      .where('m.contractId IN (:...ids) AND m.status = :active', { ids, active: 'ACTIVE' });
    if (this.scope.kind === 'client') own.andWhere('m.clientId = :tenantClientId', { tenantClientId: this.scope.clientId });
    const additions = await own.getMany();
    return [
      ...linkRows.flatMap((l) => {
        const measure = byId.get(l.measureId);
        return measure ? [{ contractId: l.contractId, measure, appliedAt: l.appliedAt }] : [];
      }),
      ...additions.map((m) => ({ contractId: m.contractId!, measure: m, appliedAt: m.createdAt })),
    ].sort((a, b) => a.measure.category.localeCompare(b.measure.category) || a.measure.id.localeCompare(b.measure.id));
  }

  /**
   * The caller's contracts a measure it may see is in force on: a contract's addition, its contract;
   * a catalogue measure, the contracts of the caller's client it is applied to now.
   */
  async contractsInForce(measure: SafetyMeasureEntity): Promise<string[]> {
    if (measure.contractId) return [measure.contractId];
    const qb = this.manager
      .createQueryBuilder(ContractSafetyMeasureEntity, 'l')
      .where('l.measureId = :measureId AND l.unappliedAt IS NULL', { measureId: measure.id })
      .orderBy('l.contractId', 'ASC');
    if (this.scope.kind === 'client') qb.andWhere('l.clientId = :tenantClientId', { tenantClientId: this.scope.clientId });
    return (await qb.getMany()).map((l) => l.contractId);
  }

  /** Every version of these measures, oldest first. Only a measure the caller may see has its versions asked for. */
  async versionsOf(measureIds: readonly string[]): Promise<SafetyMeasureVersionEntity[]> {
    if (measureIds.length === 0) return [];
    return await this.manager.find(SafetyMeasureVersionEntity, {
      where: { measureId: In([...new Set(measureIds)]) },
      order: { measureId: 'ASC', version: 'ASC' },
    });
  }

  /** The active contracts a catalogue measure applies to now, with their clients: whom its change concerns. */
  async activeApplicationsOf(measureId: string): Promise<Application[]> {
    this.mustBeOperator();
    const rows = await this.manager
      .createQueryBuilder(ContractSafetyMeasureEntity, 'l')
      .innerJoin(ContractEntity, 'c', 'c.id = l.contractId')
      .select('l.clientId', 'clientId')
      .addSelect('l.contractId', 'contractId')
      .where('l.measureId = :measureId AND l.unappliedAt IS NULL AND c.status = :active', { measureId, active: 'ACTIVE' })
      .orderBy('l.clientId', 'ASC')
      .addOrderBy('l.contractId', 'ASC')
      .getRawMany<Application>();
    return rows;
  }

  /** The links of a measure to these contracts, locked: applying and unapplying take turns. */
  async lockLinks(measureId: string, contractIds: readonly string[]): Promise<ContractSafetyMeasureEntity[]> {
    this.mustBeOperator();
    if (contractIds.length === 0) return [];
    return await this.manager
      .createQueryBuilder(ContractSafetyMeasureEntity, 'l')
      .where('l.measureId = :measureId AND l.contractId IN (:...contractIds)', { measureId, contractIds: [...new Set(contractIds)] })
      .setLock('pessimistic_write')
      .getMany();
  }

  async insert(measure: SafetyMeasureEntity, version: SafetyMeasureVersionEntity): Promise<void> {
    this.mustBeOperator();
    await this.manager.insert(SafetyMeasureEntity, measure);
    await this.manager.insert(SafetyMeasureVersionEntity, version);
  }

  /** The measure's new state and the version that records it. */
  async saveVersion(measure: SafetyMeasureEntity, version: SafetyMeasureVersionEntity): Promise<void> {
    this.mustBeOperator();
    await this.manager.save(SafetyMeasureEntity, measure);
    await this.manager.insert(SafetyMeasureVersionEntity, version);
  }

  async insertLinks(links: ContractSafetyMeasureEntity[]): Promise<void> {
    this.mustBeOperator();
    if (links.length > 0) await this.manager.insert(ContractSafetyMeasureEntity, links);
  }

  async saveLinks(links: ContractSafetyMeasureEntity[]): Promise<void> {
    this.mustBeOperator();
    for (const link of links) await this.manager.save(ContractSafetyMeasureEntity, link);
  }
}
