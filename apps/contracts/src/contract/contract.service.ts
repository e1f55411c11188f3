/**
 * The rules of contracts: only staff create them, for a client that exists; dates must make sense.
 * A contract lives DRAFT → ACTIVE → ENDED or TERMINATED, and no other way: an impossible step is
 * CONFLICT and writes nothing. Its purposes change only as a new version, kept with when, by whom
 * and why. Ending or terminating it publishes `contract.ended` (custody will start the return or
 * disposal of its data from it) and reports the end to the client under Art 9.1, whose
 * instruction on return or disposal that end calls for, in the same transaction.
 */
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, cleanText, isCalendarDate, newId, tokyoDateOf, type Principal } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import { ClientReportRequested, ContractEnded } from '@azukari/jobs';
import type { ContractsDeps } from '../deps';
import { ClientRepository } from '../client/client.repository';
import { ContractEntity, type ContractStatus } from './contract.entity';
import { ContractPurposeVersionEntity } from './contract-purpose-version.entity';
import { ContractRepository } from './contract.repository';
import type { ChangeContractPurposesInput, CreateContractInput, EndContractInput, TerminateContractInput } from './contract.inputs';

/** Who acts, and the trace its events carry on. */
export interface Actor {
  principal: Principal | null;
  trace: string;
}

/** The report of an end is due a day after it is recorded: the client's Art 9.1 instruction waits on it. */
export const CONTRACT_END_REPORT_WITHIN_MS = 24 * 3600_000;

const checkDate = (field: string, value: string | null | undefined): void => {
  if (value != null && !isCalendarDate(value))
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} is not a calendar date (YYYY-MM-DD).`);
};

const tokenOf = (actor: Actor): { tokenId: string; employeeId: string | null } => {
  const principal = actor.principal;
  if (!principal) throw new Error('a contract change without a caller');
  return { tokenId: principal.tokenId, employeeId: principal.kind === 'staff' ? principal.employeeId : null };
};

export class ContractService {
  constructor(
    private readonly deps: ContractsDeps,
    private readonly scope: TenantScope,
  ) {}

  async create(input: CreateContractInput, actor: Actor): Promise<ContractEntity> {
    checkDate('executedOn', input.executedOn);
    checkDate('startsOn', input.startsOn);
    checkDate('endsOn', input.endsOn);
    if (input.endsOn && input.endsOn < input.startsOn) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'endsOn must not be before startsOn.');
    }
    const title = cleanText('title', input.title, 300);
    const purposes = cleanPurposes(input.purposes);
    const by = tokenOf(actor);
    return await this.deps.dataSource.transaction(async (manager) => {
      const client = await new ClientRepository(manager, this.scope).findById(input.clientId);
      if (!client) throw new DomainError(ErrorCode.NOT_FOUND, `No client ${input.clientId}.`);
      const now = this.deps.clock.now();
      const row: ContractEntity = {
        id: newId(),
        clientId: client.id,
        title,
        purposes,
        executedOn: input.executedOn,
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
        status: input.draft ? 'DRAFT' : 'ACTIVE',
        purposeVersion: 1,
        serviceEndedOn: null,
        terminationReason: null,
        createdAt: now,
        updatedAt: now,
      };
      await new ContractRepository(manager, this.scope).insert(row);
      await this.insertVersion(manager, row, null, by, now);
      return row;
    });
  }

  /** DRAFT → ACTIVE: from now on it is in force. */
  async activate(id: string): Promise<ContractEntity> {
    return await this.deps.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, id);
      mustBe(row, ['DRAFT'], 'activated');
      row.status = 'ACTIVE';
      row.updatedAt = this.deps.clock.now();
      await new ContractRepository(manager, this.scope).update(row, ['status', 'updatedAt']);
      return row;
    });
  }

  /** ACTIVE → ENDED: the service ran its course on `endedOn`. */
  async end(input: EndContractInput, actor: Actor): Promise<ContractEntity> {
    return await this.close(input.id, 'ENDED', input.endedOn, null, actor);
  }

  /** ACTIVE → TERMINATED: the service was cut short on `terminatedOn`, for `reason`. */
  async terminate(input: TerminateContractInput, actor: Actor): Promise<ContractEntity> {
    const reason = cleanText('reason', input.reason, 1000);
    return await this.close(input.id, 'TERMINATED', input.terminatedOn, reason, actor);
  }

  /** A new version of the purposes, while the contract is DRAFT or ACTIVE. */
  async changePurposes(input: ChangeContractPurposesInput, actor: Actor): Promise<ContractEntity> {
    const purposes = cleanPurposes(input.purposes);
    const reason = cleanText('reason', input.reason, 1000);
    const by = tokenOf(actor);
    return await this.deps.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, input.id);
      mustBe(row, ['DRAFT', 'ACTIVE'], 'given new purposes');
      const now = this.deps.clock.now();
      row.purposes = purposes;
      row.purposeVersion += 1;
      row.updatedAt = now;
      await new ContractRepository(manager, this.scope).update(row, ['purposes', 'purposeVersion', 'updatedAt']);
      await this.insertVersion(manager, row, reason, by, now);
      return row;
    });
  }

  private async close(
    id: string,
    status: 'ENDED' | 'TERMINATED',
    on: string,
    reason: string | null,
    actor: Actor,
  ): Promise<ContractEntity> {
    const field = status === 'ENDED' ? 'endedOn' : 'terminatedOn';
    checkDate(field, on);
    const now = this.deps.clock.now();
    if (on > tokyoDateOf(now)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} (${on}) is in the future: record the end once the service has ended.`);
    }
    return await this.deps.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, id);
      mustBe(row, ['ACTIVE'], status === 'ENDED' ? 'ended' : 'terminated');
      if (on < row.startsOn) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} (${on}) is before the contract started (${row.startsOn}).`);
      }
      row.status = status;
      row.serviceEndedOn = on;
      row.terminationReason = reason;
      row.updatedAt = now;
      await new ContractRepository(manager, this.scope).update(row, ['status', 'serviceEndedOn', 'terminationReason', 'updatedAt']);
      await this.deps.outbox.add(
        manager,
        ContractEnded,
        { contractId: row.id, clientId: row.clientId, status, endedOn: on, at: now.toISOString() },
        actor.trace,
      );
      await this.deps.outbox.add(
        manager,
        ClientReportRequested,
        {
          clientId: row.clientId,
          contractIds: [row.id],
          article: 'Art 9.1',
          kind: status === 'ENDED' ? 'contract.ended' : 'contract.terminated',
          subject: { type: 'Contract', id: row.id },
          facts: { contractId: row.id, status, endedOn: on },
          dueAt: new Date(now.getTime() + CONTRACT_END_REPORT_WITHIN_MS).toISOString(),
        },
        actor.trace,
      );
      return row;
    });
  }

  private async locked(manager: EntityManager, id: string): Promise<ContractEntity> {
    const row = await new ContractRepository(manager, this.scope).lockById(id);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `No contract ${id}.`);
    return row;
  }

  private async insertVersion(
    manager: EntityManager,
    contract: ContractEntity,
    reason: string | null,
    by: { tokenId: string; employeeId: string | null },
    at: Date,
  ): Promise<void> {
    const version: ContractPurposeVersionEntity = {
      id: newId(),
      clientId: contract.clientId,
      contractId: contract.id,
      version: contract.purposeVersion,
      purposes: contract.purposes,
      reason,
      changedByTokenId: by.tokenId,
      changedByEmployeeId: by.employeeId,
      changedAt: at,
    };
    await new ContractRepository(manager, this.scope).insertVersion(version);
  }
}

const cleanPurposes = (purposes: readonly string[]): string[] => {
  const cleaned = purposes.map((p) => cleanText('purpose', p, 200));
  if (new Set(cleaned).size !== cleaned.length) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'purposes must not repeat a purpose.');
  return cleaned;
};

/** CONFLICT, naming the state, unless the contract is in one of `from`. */
const mustBe = (row: ContractEntity, from: readonly ContractStatus[], done: string): void => {
  if (!from.includes(row.status)) {
    throw new DomainError(
      ErrorCode.CONFLICT,
      `Contract ${row.id} is ${row.status} and cannot be ${done}: only a ${from.join(' or ')} contract can. Nothing was changed.`,
    );
  }
};
