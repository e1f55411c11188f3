/**
 * The rules of safety management measures (Art 5): staff keep the operator's catalogue and each
 * contract's additions; every change is a new version, kept; a catalogue measure is applied to and
 * taken off contracts. Every change is reported promptly (5.2) to every client it touches, each by
 * its own report naming only its own contracts, written to the outbox in the change's transaction.
 * Azukari does not judge which changes matter: every one is reported.
 */
import type { EntityManager } from 'typeorm';
import { cleanText, DomainError, ErrorCode, isStaff, newId, type Principal } from '@azukari/common';
import { OPERATOR_SCOPE, type TenantScope } from '@azukari/db';
import { ClientReportRequested } from '@azukari/jobs';
import type { ContractsDeps } from '../deps';
import { ContractRepository } from '../contract/contract.repository';
import type { ContractSafetyMeasureEntity } from './contract-safety-measure.entity';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_OWNER_LENGTH,
  MAX_SUMMARY_LENGTH,
  MAX_TITLE_LENGTH,
  type SafetyMeasureEntity,
} from './safety-measure.entity';
import type { SafetyMeasureChangeKind, SafetyMeasureVersionEntity } from './safety-measure-version.entity';
import type { ApplySafetyMeasureInput, ChangeSafetyMeasureInput, CreateSafetyMeasureInput } from './safety-measure.inputs';
import { SafetyMeasureRepository, type Application } from './safety-measure.repository';

/**
 * "Promptly" (Art 5.2) read as within a day of the change: the report is asked for in the change's
 * transaction, and its due time is the evidence it was prompt.
 */
export const SAFETY_MEASURE_REPORT_WITHIN_MS = 24 * 3600_000;

/** The kind of the 5.2 report, which a client may answer with CHALLENGE (5.3). */
export const SAFETY_MEASURES_CHANGED = 'safety-measures.changed';

/** What happened to the measure, as the report's `change` fact says it. */
export type ReportedChange = SafetyMeasureChangeKind | 'APPLIED' | 'UNAPPLIED';

/** A report names at most this many contracts (the job's limit); a client with more gets several. */
export const CONTRACTS_PER_REPORT = 100;

export interface StaffCaller {
  principal: Principal | null;
  trace: string | null;
}

export const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

export class SafetyMeasureService {
  private readonly scope: TenantScope = OPERATOR_SCOPE;

  constructor(
    private readonly deps: ContractsDeps,
    private readonly caller: StaffCaller,
  ) {}

  /** Who changes: a staff token (the rules let no one else reach here). */
  private changedBy(): Pick<SafetyMeasureVersionEntity, 'changedByEmployeeId' | 'changedByTokenId'> {
    const principal = this.caller.principal;
    if (!principal || !isStaff(principal)) throw new Error('only staff change safety measures');
    return { changedByEmployeeId: principal.employeeId, changedByTokenId: principal.tokenId };
  }

  private versionOf(
    measure: SafetyMeasureEntity,
    changeKind: SafetyMeasureChangeKind,
    changeSummary: string,
    at: Date,
  ): SafetyMeasureVersionEntity {
    return {
      id: newId(),
      measureId: measure.id,
      clientId: measure.clientId,
      version: measure.version,
      changeKind,
      changeSummary,
      category: measure.category,
      title: measure.title,
      description: measure.description,
      owner: measure.owner,
      status: measure.status,
      changedAt: at,
      ...this.changedBy(),
    };
  }

  private async locked(manager: EntityManager, id: string): Promise<SafetyMeasureEntity> {
    const row = await new SafetyMeasureRepository(manager, this.scope).lockById(id);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `No safety measure ${id}.`);
    return row;
  }

  async create(input: CreateSafetyMeasureInput): Promise<SafetyMeasureEntity> {
    const title = cleanText('title', input.title, MAX_TITLE_LENGTH);
    const description = cleanText('description', input.description, MAX_DESCRIPTION_LENGTH);
    const owner = cleanText('owner', input.owner, MAX_OWNER_LENGTH);
    const given = input.changeSummary ? cleanText('changeSummary', input.changeSummary, MAX_SUMMARY_LENGTH) : null;
    return await this.deps.dataSource.transaction(async (manager) => {
      const contract = input.contractId ? await new ContractRepository(manager, this.scope).findById(input.contractId) : null;
      if (input.contractId && !contract)
        throw new DomainError(ErrorCode.NOT_FOUND, `No contract ${input.contractId}; nothing was recorded.`);
      const now = this.deps.clock.now();
      const measure: SafetyMeasureEntity = {
        id: newId(),
        clientId: contract?.clientId ?? null,
        contractId: contract?.id ?? null,
        category: input.category,
        title,
        description,
        owner,
        version: 1,
        status: 'ACTIVE',
        retiredAt: null,
        createdAt: now,
        updatedAt: now,
      };
      const summary = given ?? (contract ? 'Added to the contract.' : 'Added to the catalogue.');
      await new SafetyMeasureRepository(manager, this.scope).insert(measure, this.versionOf(measure, 'CREATED', summary, now));
      // A catalogue measure concerns no client until it is applied; a contract's addition, at once.
      if (contract) await this.report(manager, measure, 'CREATED', summary, [{ clientId: contract.clientId, contractId: contract.id }]);
      return measure;
    });
  }

  async change(id: string, input: ChangeSafetyMeasureInput): Promise<SafetyMeasureEntity> {
    const summary = cleanText('changeSummary', input.changeSummary, MAX_SUMMARY_LENGTH);
    const next = {
      category: input.category ?? null,
      title: input.title ? cleanText('title', input.title, MAX_TITLE_LENGTH) : null,
      description: input.description ? cleanText('description', input.description, MAX_DESCRIPTION_LENGTH) : null,
      owner: input.owner ? cleanText('owner', input.owner, MAX_OWNER_LENGTH) : null,
    };
    return await this.deps.dataSource.transaction(async (manager) => {
      const measure = await this.locked(manager, id);
      if (measure.status === 'RETIRED') {
        throw new DomainError(ErrorCode.CONFLICT, `Safety measure ${id} is retired; create a new measure instead.`);
      }
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== null && next[k] !== measure[k]);
      if (changed.length === 0) {
        throw new DomainError(
          ErrorCode.BAD_USER_INPUT,
          'Nothing to change: give a category, title, description or owner that differs from the version in force.',
        );
      }
      const now = this.deps.clock.now();
      if (next.category) measure.category = next.category;
      if (next.title) measure.title = next.title;
      if (next.description) measure.description = next.description;
      if (next.owner) measure.owner = next.owner;
      return await this.newVersion(manager, measure, 'CHANGED', summary, now);
    });
  }

  async retire(id: string, changeSummary: string): Promise<SafetyMeasureEntity> {
    const summary = cleanText('changeSummary', changeSummary, MAX_SUMMARY_LENGTH);
    return await this.deps.dataSource.transaction(async (manager) => {
      const measure = await this.locked(manager, id);
      if (measure.status === 'RETIRED') throw new DomainError(ErrorCode.CONFLICT, `Safety measure ${id} is retired already.`);
      const now = this.deps.clock.now();
      measure.status = 'RETIRED';
      measure.retiredAt = now;
      return await this.newVersion(manager, measure, 'RETIRED', summary, now);
    });
  }

  /** The measure as changed becomes version n+1, kept, and is reported to whom it touches. */
  private async newVersion(
    manager: EntityManager,
    measure: SafetyMeasureEntity,
    kind: SafetyMeasureChangeKind,
    summary: string,
    now: Date,
  ): Promise<SafetyMeasureEntity> {
    measure.version += 1;
    measure.updatedAt = now;
    const repo = new SafetyMeasureRepository(manager, this.scope);
    await repo.saveVersion(measure, this.versionOf(measure, kind, summary, now));
    const touched: Application[] =
      measure.contractId && measure.clientId
        ? [{ clientId: measure.clientId, contractId: measure.contractId }]
        : await repo.activeApplicationsOf(measure.id);
    await this.report(manager, measure, kind, summary, touched);
    return measure;
  }

  /** Applies a catalogue measure to contracts; those it applied to already are left as they are. */
  async apply(input: ApplySafetyMeasureInput): Promise<SafetyMeasureEntity> {
    const summary = input.changeSummary
      ? cleanText('changeSummary', input.changeSummary, MAX_SUMMARY_LENGTH)
      : 'Now applies to the contract.';
    return await this.deps.dataSource.transaction(async (manager) => {
      const measure = await this.catalogueMeasure(manager, input.measureId);
      if (measure.status === 'RETIRED') {
        throw new DomainError(ErrorCode.CONFLICT, `Safety measure ${measure.id} is retired and applies to no contract any more.`);
      }
      const contracts = await this.contractsOf(manager, input.contractIds);
      const ended = contracts.filter((c) => c.status !== 'ACTIVE').map((c) => c.id);
      if (ended.length > 0) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `Contract ${ended.join(', ')} has ended: a measure is applied to active contracts only; nothing was recorded.`,
        );
      }
      const repo = new SafetyMeasureRepository(manager, this.scope);
      const existing = new Map((await repo.lockLinks(measure.id, input.contractIds)).map((l) => [l.contractId, l]));
      const now = this.deps.clock.now();
      const fresh: ContractSafetyMeasureEntity[] = [];
      const again: ContractSafetyMeasureEntity[] = [];
      for (const contract of contracts) {
        const link = existing.get(contract.id);
        if (link && link.unappliedAt === null) continue;
        if (link) {
          again.push({ ...link, unappliedAt: null, appliedAt: now, appliedVersion: measure.version, updatedAt: now });
        } else {
          fresh.push({
            id: newId(),
            clientId: contract.clientId,
            contractId: contract.id,
            measureId: measure.id,
            appliedVersion: measure.version,
            appliedAt: now,
            unappliedAt: null,
            updatedAt: now,
          });
        }
      }
      await repo.insertLinks(fresh);
      await repo.saveLinks(again);
      await this.report(manager, measure, 'APPLIED', summary, [...fresh, ...again]);
      return measure;
    });
  }

  /** Takes a catalogue measure off contracts; those it did not apply to are left as they are. */
  async unapply(input: ApplySafetyMeasureInput): Promise<SafetyMeasureEntity> {
    const summary = input.changeSummary
      ? cleanText('changeSummary', input.changeSummary, MAX_SUMMARY_LENGTH)
      : 'No longer applies to the contract.';
    return await this.deps.dataSource.transaction(async (manager) => {
      const measure = await this.catalogueMeasure(manager, input.measureId);
      await this.contractsOf(manager, input.contractIds);
      const repo = new SafetyMeasureRepository(manager, this.scope);
      const now = this.deps.clock.now();
      const taken = (await repo.lockLinks(measure.id, input.contractIds))
        .filter((l) => l.unappliedAt === null)
        .map((l) => ({ ...l, unappliedAt: now, updatedAt: now }));
      await repo.saveLinks(taken);
      await this.report(manager, measure, 'UNAPPLIED', summary, taken);
      return measure;
    });
  }

  private async catalogueMeasure(manager: EntityManager, id: string): Promise<SafetyMeasureEntity> {
    const measure = await this.locked(manager, id);
    if (measure.contractId !== null) {
      throw new DomainError(
        ErrorCode.BAD_USER_INPUT,
        `Safety measure ${id} is an addition of contract ${measure.contractId} and applies to it alone.`,
      );
    }
    return measure;
  }

  private async contractsOf(manager: EntityManager, ids: readonly string[]) {
    const contracts = await new ContractRepository(manager, this.scope).findByIds(ids);
    const found = new Set(contracts.map((c) => c.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw new DomainError(ErrorCode.NOT_FOUND, `No contract ${missing.join(', ')}; nothing was recorded.`);
    return contracts;
  }

  /**
   * One 5.2 report per client touched, naming only that client's contracts (several reports for a
   * client with more contracts than a report names), in the change's transaction.
   */
  private async report(
    manager: EntityManager,
    measure: SafetyMeasureEntity,
    change: ReportedChange,
    summary: string,
    touched: readonly Application[],
  ): Promise<void> {
    const byClient = new Map<string, string[]>();
    for (const { clientId, contractId } of touched) byClient.set(clientId, [...(byClient.get(clientId) ?? []), contractId]);
    const dueAt = new Date(this.deps.clock.now().getTime() + SAFETY_MEASURE_REPORT_WITHIN_MS).toISOString();
    for (const [clientId, contractIds] of byClient) {
      for (const part of chunks([...contractIds].sort(), CONTRACTS_PER_REPORT)) {
        await this.deps.outbox.add(
          manager,
          ClientReportRequested,
          {
            clientId,
            contractIds: part,
            article: 'Art 5.2',
            kind: SAFETY_MEASURES_CHANGED,
            subject: { type: 'SafetyMeasure', id: measure.id },
            facts: { measureId: measure.id, version: measure.version, category: measure.category, change, summary },
            dueAt,
          },
          this.caller.trace,
        );
      }
    }
  }
}
