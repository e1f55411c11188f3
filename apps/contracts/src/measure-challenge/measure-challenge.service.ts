/**
 * Challenges of the safety measures as insufficient (Art 5.3): a client opens one (through the API,
 * or by answering a 5.2 report, from its email's signed link too: one path, `open`), both sides
 * write in its thread, staff note the content, scale and fees of the service the discussion weighs,
 * and close it with its outcome, which is reported to the client. A closed thread takes no more
 * messages. Azukari records the discussion and its outcome; it does not decide it.
 */
import type { EntityManager } from 'typeorm';
import { cleanText, DomainError, ErrorCode, isStaff, newId, type Principal } from '@azukari/common';
import { isDuplicateKey, type TenantScope } from '@azukari/db';
import { ClientReportRequested } from '@azukari/jobs';
import type { ContractsDeps } from '../deps';
import { ClientReportRepository } from '../client-report/client-report.repository';
import { ContractRepository } from '../contract/contract.repository';
import { SafetyMeasureRepository } from '../safety-measure/safety-measure.repository';
import {
  chunks,
  CONTRACTS_PER_REPORT,
  SAFETY_MEASURES_CHANGED,
  SAFETY_MEASURE_REPORT_WITHIN_MS,
} from '../safety-measure/safety-measure.service';
import {
  ALL_MEASURES,
  MAX_MESSAGE_LENGTH,
  MAX_OUTCOME_LENGTH,
  MAX_SERVICE_NOTE_LENGTH,
  type ChallengeOutcome,
  type ChallengeSide,
  type ChallengeVia,
  type SafetyMeasureChallengeEntity,
  type SafetyMeasureChallengeMessageEntity,
} from './measure-challenge.entity';
import { MeasureChallengeMessageRepository, MeasureChallengeRepository } from './measure-challenge.repository';

/** The kind of the 5.3 report that tells the client how a challenge was closed. */
export const SAFETY_MEASURES_CHALLENGE_CLOSED = 'safety-measures.challenge-closed';

/** Who writes: one of the client's side (a partner token, or a report email's link) or a staff member. */
export interface ChallengeAuthor {
  side: ChallengeSide;
  via: ChallengeVia;
  tokenId: string | null;
  employeeId: string | null;
  address: string | null;
}

export const authorOf = (principal: Principal | null): ChallengeAuthor => {
  if (!principal) throw new Error('a challenge message without a caller');
  return isStaff(principal)
    ? { side: 'OPERATOR', via: 'API', tokenId: principal.tokenId, employeeId: principal.employeeId, address: null }
    : { side: 'CLIENT', via: 'API', tokenId: principal.tokenId, employeeId: null, address: null };
};

export interface OpenChallenge {
  /** The 5.2 report it answers. */
  reportId?: string | null;
  /** The measure it challenges; null with no report: the measures as a whole. */
  measureId?: string | null;
  /** The client's contracts it concerns; by default, those the measure is in force on (or the report named). */
  contractIds?: readonly string[] | null;
  message?: string | null;
}

export interface ServiceNotes {
  serviceContent?: string | null;
  serviceScale?: string | null;
  serviceFees?: string | null;
}

export interface CloseChallenge extends ServiceNotes {
  outcome: ChallengeOutcome;
  outcomeText: string;
}

const SERVICE_NOTES = ['serviceContent', 'serviceScale', 'serviceFees'] as const;

/** The notes given, cleaned; a note left out is null. */
const notesOf = (notes: ServiceNotes): Record<(typeof SERVICE_NOTES)[number], string | null> => ({
  serviceContent: notes.serviceContent ? cleanText('serviceContent', notes.serviceContent, MAX_SERVICE_NOTE_LENGTH) : null,
  serviceScale: notes.serviceScale ? cleanText('serviceScale', notes.serviceScale, MAX_SERVICE_NOTE_LENGTH) : null,
  serviceFees: notes.serviceFees ? cleanText('serviceFees', notes.serviceFees, MAX_SERVICE_NOTE_LENGTH) : null,
});

/** Sets the notes given on the thread; those left out stay. */
const applyNotes = (row: SafetyMeasureChallengeEntity, given: ReturnType<typeof notesOf>): void => {
  for (const field of SERVICE_NOTES) row[field] = given[field] ?? row[field];
};

export class MeasureChallengeService {
  constructor(
    private readonly deps: ContractsDeps,
    private readonly scope: TenantScope,
    private readonly trace: string | null,
  ) {}

  private challenges(manager: EntityManager) {
    return new MeasureChallengeRepository(manager, this.scope);
  }

  private async locked(manager: EntityManager, id: string): Promise<SafetyMeasureChallengeEntity> {
    const row = await this.challenges(manager).lockById(id);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `No challenge ${id}.`);
    return row;
  }

  private mustBeOpen(row: SafetyMeasureChallengeEntity): void {
    if (row.status === 'CLOSED') {
      throw new DomainError(
        ErrorCode.CONFLICT,
        `Challenge ${row.id} was closed (${row.outcome ?? ''}) and takes no more messages. Challenge the measures again to open a new one.`,
      );
    }
  }

  private async write(manager: EntityManager, row: SafetyMeasureChallengeEntity, body: string, author: ChallengeAuthor): Promise<void> {
    const message: SafetyMeasureChallengeMessageEntity = {
      id: newId(),
      clientId: row.clientId,
      challengeId: row.id,
      side: author.side,
      via: author.via,
      authorTokenId: author.tokenId,
      authorEmployeeId: author.employeeId,
      authorAddress: author.address,
      body,
      createdAt: this.deps.clock.now(),
    };
    await new MeasureChallengeMessageRepository(manager, this.scope).insert(message);
  }

  /**
   * Opens the client's challenge (or joins its open one on the same measure), in `manager`'s
   * transaction: the API's and a report answer's alike. Only in a client's scope: a challenge is
   * always a client's.
   */
  async open(manager: EntityManager, input: OpenChallenge, author: ChallengeAuthor): Promise<SafetyMeasureChallengeEntity> {
    if (this.scope.kind !== 'client') throw new Error('a challenge is opened for a client');
    const clientId = this.scope.clientId;
    const message = input.message ? cleanText('message', input.message, MAX_MESSAGE_LENGTH) : null;
    let measureId = input.measureId ?? null;
    let contractIds = input.contractIds ? [...new Set(input.contractIds)] : null;
    if (input.reportId) {
      const report = await new ClientReportRepository(manager, this.scope).findById(input.reportId);
      if (!report) throw new DomainError(ErrorCode.NOT_FOUND, `No report ${input.reportId}.`);
      if (report.kind !== SAFETY_MEASURES_CHANGED) {
        throw new DomainError(
          ErrorCode.BAD_USER_INPUT,
          `Report ${report.id} is a ${report.kind} report: only ${SAFETY_MEASURES_CHANGED} reports are challenged.`,
        );
      }
      if (measureId && measureId !== report.subjectId) {
        throw new DomainError(
          ErrorCode.BAD_USER_INPUT,
          `Report ${report.id} is about safety measure ${report.subjectId}, not ${measureId}.`,
        );
      }
      measureId = report.subjectId;
      contractIds ??= JSON.parse(report.contractIds) as string[];
    }
    if (measureId) {
      const measures = new SafetyMeasureRepository(manager, this.scope);
      const measure = await measures.findById(measureId);
      if (!measure) throw new DomainError(ErrorCode.NOT_FOUND, `No safety measure ${measureId}.`);
      contractIds ??= await measures.contractsInForce(measure);
    }
    contractIds ??= [];
    if (input.contractIds && contractIds.length > 0) {
      const found = new Set((await new ContractRepository(manager, this.scope).findByIds(contractIds)).map((c) => c.id));
      const missing = contractIds.filter((id) => !found.has(id));
      if (missing.length > 0) throw new DomainError(ErrorCode.NOT_FOUND, `No contract ${missing.join(', ')}.`);
    }

    const repo = this.challenges(manager);
    const openKey = measureId ?? ALL_MEASURES;
    const now = this.deps.clock.now();
    const open = await repo.lockOpen(clientId, openKey);
    if (open) {
      // The same measure challenged again while its discussion runs: the same thread.
      const merged = [...new Set([...open.contractIds, ...contractIds])].sort();
      const row = { ...open, contractIds: merged, updatedAt: now };
      await repo.save(row);
      if (message) await this.write(manager, row, message, author);
      return row;
    }
    const row: SafetyMeasureChallengeEntity = {
      id: newId(),
      clientId,
      measureId,
      reportId: input.reportId ?? null,
      contractIds: [...contractIds].sort(),
      status: 'OPEN',
      openKey,
      openedVia: author.via,
      serviceContent: null,
      serviceScale: null,
      serviceFees: null,
      outcome: null,
      outcomeText: null,
      closedAt: null,
      closedByEmployeeId: null,
      closedByTokenId: null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await repo.insert(row);
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          'The same measure was challenged at the same moment by another request. Try again: it joins that thread.',
        );
      }
      throw error;
    }
    if (message) await this.write(manager, row, message, author);
    return row;
  }

  async post(challengeId: string, body: string, author: ChallengeAuthor): Promise<SafetyMeasureChallengeEntity> {
    const text = cleanText('body', body, MAX_MESSAGE_LENGTH);
    return await this.deps.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, challengeId);
      this.mustBeOpen(row);
      row.updatedAt = this.deps.clock.now();
      await this.challenges(manager).save(row);
      await this.write(manager, row, text, author);
      return row;
    });
  }

  /** Notes the content, scale and fees of the service that the discussion weighs (Art 5.3); a note left out stays. */
  async noteService(challengeId: string, notes: ServiceNotes): Promise<SafetyMeasureChallengeEntity> {
    const given = notesOf(notes);
    if (SERVICE_NOTES.every((field) => !given[field])) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Give serviceContent, serviceScale or serviceFees.');
    }
    return await this.deps.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, challengeId);
      this.mustBeOpen(row);
      applyNotes(row, given);
      row.updatedAt = this.deps.clock.now();
      await this.challenges(manager).save(row);
      return row;
    });
  }

  /**
   * Closes the discussion with its outcome and reports it to the client (Art 5.3 settled). The
   * content, scale and fees of the service must be on the thread by then: they are what 5.3 says
   * the discussion takes into account.
   */
  async close(challengeId: string, input: CloseChallenge, principal: Principal | null): Promise<SafetyMeasureChallengeEntity> {
    if (!principal || !isStaff(principal)) throw new Error('only staff close a challenge');
    const outcomeText = cleanText('outcomeText', input.outcomeText, MAX_OUTCOME_LENGTH);
    const given = notesOf(input);
    return await this.deps.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, challengeId);
      this.mustBeOpen(row);
      applyNotes(row, given);
      const missing = SERVICE_NOTES.filter((field) => !row[field]);
      if (missing.length > 0) {
        throw new DomainError(
          ErrorCode.BAD_USER_INPUT,
          `Note ${missing.join(', ')} before closing: Art 5.3 has the discussion weigh the content, scale and fees of the service. Nothing was recorded.`,
        );
      }
      const now = this.deps.clock.now();
      row.status = 'CLOSED';
      row.openKey = null;
      row.outcome = input.outcome;
      row.outcomeText = outcomeText;
      row.closedAt = now;
      row.closedByEmployeeId = principal.employeeId;
      row.closedByTokenId = principal.tokenId;
      row.updatedAt = now;
      await this.challenges(manager).save(row);
      const dueAt = new Date(now.getTime() + SAFETY_MEASURE_REPORT_WITHIN_MS).toISOString();
      const parts = row.contractIds.length === 0 ? [[]] : chunks(row.contractIds, CONTRACTS_PER_REPORT);
      for (const contractIds of parts) {
        await this.deps.outbox.add(
          manager,
          ClientReportRequested,
          {
            clientId: row.clientId,
            contractIds,
            article: 'Art 5.3',
            kind: SAFETY_MEASURES_CHALLENGE_CLOSED,
            subject: { type: 'SafetyMeasureChallenge', id: row.id },
            facts: { challengeId: row.id, measureId: row.measureId, outcome: input.outcome, closedAt: now.toISOString() },
            dueAt,
          },
          this.trace,
        );
      }
      return row;
    });
  }
}
