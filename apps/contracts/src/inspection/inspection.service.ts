/**
 * The rules of on-site inspections (Art 13.2–13.5), and the reports they owe the client.
 *
 * - 13.2: the client asks with prior written notice: through the API (the request is the notice,
 *   given today) or on paper, recorded by staff with the notice's date and SHA-256. Every proposed
 *   date must come after the notice (PRIOR_NOTICE_REQUIRED). The operator accepts one of them,
 *   sets another (with its reason), or declines for a reason 13.2 allows, with an explanation.
 * - 13.3: when accepting, the operator says whether the client must sign an NDA on its trade
 *   secrets first (by default it must); the signed NDA is recorded with its SHA-256, date and
 *   signatory (by role and organization). Confirmation waits for it (NDA_REQUIRED).
 * - 13.4: the client's acknowledgement of the rules of entry and exit is recorded (through the
 *   API, or by staff from the signed paper). Azukari's reading: confirmation waits for it as well
 *   (ENTRY_RULES_ACK_REQUIRED), because the rules bind the inspectors at the door, and a date
 *   confirmed to inspectors who have not accepted them is one the operator could not keep.
 * - 13.5: a cost beyond the expected scope is charged only after a recorded discussion of both
 *   parties (COST_DISCUSSION_REQUIRED), and each charge is reported.
 * - The operator's answers (accepted, rescheduled, declined), the confirmation, the completion and
 *   each charge are reported to the client, in the change's transaction. A withdrawal, a signed
 *   NDA, an acknowledgement and the discussion are the client's own acts or made with it, and are
 *   recorded without a report. Reports carry ids, codes and dates; reasons and findings in words
 *   are read through the API.
 * - A change the current state does not allow is INVALID_TRANSITION. Every refusal writes nothing.
 */
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, cleanText, isCalendarDate, newId, tokyoDateOf } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import { ClientReportRequested, type JobPayload } from '@azukari/jobs';
import type { ContractsDeps } from '../deps';
import { ContractRepository } from '../contract/contract.repository';
import {
  type InspectionContractEntity,
  type InspectionCostDiscussionEntity,
  type InspectionCostEntity,
  type InspectionEntity,
  type InspectionStatus,
  type InspectorRow,
} from './inspection.entity';
import type {
  AcceptInspectionInput,
  AcknowledgeInspectionEntryRulesInput,
  CancelInspectionInput,
  ChargeInspectionCostInput,
  CompleteInspectionInput,
  DeclineInspectionInput,
  ParticipantInput,
  RecordInspectionCostDiscussionInput,
  RecordInspectionNdaInput,
  RequestInspectionInput,
  RescheduleInspectionInput,
} from './inspection.inputs';
import {
  InspectionContractRepository,
  InspectionCostDiscussionRepository,
  InspectionCostRepository,
  InspectionRepository,
} from './inspection.repository';

/** The trace the reports carry on to their delivery. */
export interface Caller {
  trace: string | null;
}

/** The operator's answers are reported within a day: Azukari's reading of being told promptly. */
export const INSPECTION_REPORT_WITHIN_MS = 24 * 3600_000;

/** Each change: the states it may be made from (any other is INVALID_TRANSITION), and how a refusal names it. */
const CHANGES = {
  accept: { from: ['REQUESTED'], as: 'accepted' },
  decline: { from: ['REQUESTED'], as: 'declined' },
  reschedule: { from: ['REQUESTED', 'ACCEPTED', 'RESCHEDULED', 'CONFIRMED'], as: 'rescheduled' },
  recordNda: { from: ['REQUESTED', 'ACCEPTED', 'RESCHEDULED'], as: 'given an NDA' },
  acknowledgeEntryRules: { from: ['REQUESTED', 'ACCEPTED', 'RESCHEDULED'], as: 'given an acknowledgement of the rules of entry and exit' },
  confirm: { from: ['ACCEPTED', 'RESCHEDULED'], as: 'confirmed' },
  complete: { from: ['CONFIRMED'], as: 'completed' },
  cancel: { from: ['REQUESTED', 'ACCEPTED', 'RESCHEDULED', 'CONFIRMED'], as: 'cancelled' },
  // Costs are those of accepting an inspection (13.5): once accepted, until after it took place.
  recordCostDiscussion: { from: ['ACCEPTED', 'RESCHEDULED', 'CONFIRMED', 'COMPLETED'], as: 'given a cost discussion' },
  chargeCost: { from: ['ACCEPTED', 'RESCHEDULED', 'CONFIRMED', 'COMPLETED'], as: 'charged a cost' },
} as const satisfies Record<string, { from: readonly InspectionStatus[]; as: string }>;
type Change = keyof typeof CHANGES;

const bad = (message: string) => new DomainError(ErrorCode.BAD_USER_INPUT, message);

const calendarDate = (field: string, value: string): string => {
  if (!isCalendarDate(value)) throw bad(`${field} is not a calendar date (YYYY-MM-DD).`);
  return value;
};

const participants = (field: string, list: readonly ParticipantInput[]): InspectorRow[] =>
  list.map((p) => ({
    role: cleanText(`${field}.role`, p.role, 200),
    organization: cleanText(`${field}.organization`, p.organization, 200),
  }));

type Requested = JobPayload<typeof ClientReportRequested>;

export class InspectionService {
  constructor(
    private readonly deps: ContractsDeps,
    private readonly scope: TenantScope,
  ) {}

  private today(): string {
    return tokyoDateOf(this.deps.clock.now());
  }

  private get byPartner(): boolean {
    return this.scope.kind === 'client';
  }

  /** A date that has happened: today or before, in Japan. */
  private past(field: string, value: string): string {
    calendarDate(field, value);
    if (value > this.today()) throw bad(`${field} (${value}) is in the future.`);
    return value;
  }

  /** The client's notice: owes no report, the client having made it. */
  async request(input: RequestInspectionInput): Promise<InspectionEntity> {
    const proposedDates = [...new Set(input.proposedDates.map((d) => calendarDate('proposedDates', d)))].sort();
    const purpose = cleanText('purpose', input.purpose, 2000);
    const inspectors = participants('inspectors', input.inspectors);
    let noticeGivenOn: string;
    if (this.byPartner) {
      if (input.noticeGivenOn) throw bad('Leave noticeGivenOn out: a request through the API is the written notice, given today.');
      noticeGivenOn = this.today();
    } else {
      if (!input.noticeGivenOn || !input.noticeDocumentSha256) {
        throw bad('Staff record a paper notice: give noticeGivenOn (its date) and noticeDocumentSha256 (its SHA-256).');
      }
      noticeGivenOn = this.past('noticeGivenOn', input.noticeGivenOn);
    }
    const early = proposedDates.filter((d) => d <= noticeGivenOn);
    if (early.length > 0) {
      throw new DomainError(
        ErrorCode.PRIOR_NOTICE_REQUIRED,
        `An inspection needs prior written notice (Art 13.2): ${early.join(', ')} is not after the notice of ${noticeGivenOn}. Propose later dates.`,
        { proposedDates: early },
      );
    }
    const contractIds = [...new Set(input.contractIds)];
    return await this.deps.dataSource.transaction(async (manager) => {
      const contracts = await new ContractRepository(manager, this.scope).findByIds(contractIds);
      const found = new Set(contracts.map((c) => c.id));
      const missing = contractIds.filter((id) => !found.has(id));
      if (missing.length > 0) {
        throw new DomainError(ErrorCode.NOT_FOUND, `No contract ${missing.join(', ')}. Check the contract ids; nothing was recorded.`, {
          contractIds: missing,
        });
      }
      const clients = new Set(contracts.map((c) => c.clientId));
      if (clients.size > 1) throw bad('The contracts belong to different clients: one inspection request concerns one client.');
      const clientId = contracts[0]!.clientId;
      const now = this.deps.clock.now();
      const row: InspectionEntity = {
        id: newId(),
        clientId,
        status: 'REQUESTED',
        noticeChannel: this.byPartner ? 'API' : 'PAPER',
        noticeGivenOn,
        noticeDocumentSha256: input.noticeDocumentSha256?.toLowerCase() ?? null,
        purpose,
        proposedDates,
        inspectors,
        scheduledOn: null,
        rescheduleReason: null,
        declineReason: null,
        declineExplanation: null,
        ndaRequired: null,
        ndaDocumentSha256: null,
        ndaSignedOn: null,
        ndaSignatoryRole: null,
        ndaSignatoryOrganization: null,
        ndaRecordedAt: null,
        entryRulesSha256: null,
        entryRulesAcknowledgedOn: null,
        entryRulesAcknowledgedVia: null,
        entryRulesAcknowledgementSha256: null,
        cancelReason: null,
        completedOn: null,
        findingsSummary: null,
        decidedAt: null,
        confirmedAt: null,
        cancelledAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await new InspectionRepository(manager, this.scope).insert(row);
      const links: InspectionContractEntity[] = contractIds.map((contractId) => ({
        id: newId(),
        inspectionId: row.id,
        contractId,
        clientId,
      }));
      const linkRepo = new InspectionContractRepository(manager, this.scope);
      for (const link of links) await linkRepo.insert(link);
      return row;
    });
  }

  /** Runs `work` on the inspection, locked, in one transaction; NOT_FOUND outside the caller's scope, INVALID_TRANSITION from a state `change` is not allowed in. */
  private async change<T>(
    id: string,
    change: Change,
    work: (manager: EntityManager, row: InspectionEntity, now: Date) => Promise<T>,
  ): Promise<T> {
    return await this.deps.dataSource.transaction(async (manager) => {
      const row = await new InspectionRepository(manager, this.scope).lockById(id);
      if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `No inspection ${id}.`);
      const { from, as } = CHANGES[change];
      if (!(from as readonly InspectionStatus[]).includes(row.status)) {
        throw new DomainError(
          ErrorCode.INVALID_TRANSITION,
          `The inspection is ${row.status}: it cannot be ${as} now, only when ${from.join(' or ')}.`,
          { status: row.status },
        );
      }
      return await work(manager, row, this.deps.clock.now());
    });
  }

  private async save(manager: EntityManager, row: InspectionEntity, now: Date): Promise<InspectionEntity> {
    row.updatedAt = now;
    await new InspectionRepository(manager, this.scope).save(row);
    return row;
  }

  /** One report to the client about the inspection, in `manager`'s transaction. */
  private async report(
    manager: EntityManager,
    row: InspectionEntity,
    article: Requested['article'],
    kind: string,
    facts: Requested['facts'],
    now: Date,
    trace: string | null,
  ): Promise<void> {
    const links = await new InspectionContractRepository(manager, this.scope).ofInspections([row.id]);
    await this.deps.outbox.add(
      manager,
      ClientReportRequested,
      {
        clientId: row.clientId,
        contractIds: links.map((l) => l.contractId),
        article,
        kind,
        subject: { type: 'Inspection', id: row.id },
        facts: { inspectionId: row.id, ...facts },
        dueAt: new Date(now.getTime() + INSPECTION_REPORT_WITHIN_MS).toISOString(),
      },
      trace,
    );
  }

  async accept(input: AcceptInspectionInput, caller: Caller): Promise<InspectionEntity> {
    const scheduledOn = calendarDate('scheduledOn', input.scheduledOn);
    return await this.change(input.id, 'accept', async (manager, row, now) => {
      if (!row.proposedDates.includes(scheduledOn)) {
        throw bad(`scheduledOn must be one of the proposed dates (${row.proposedDates.join(', ')}); to set another, reschedule.`);
      }
      if (scheduledOn < this.today()) throw bad(`${scheduledOn} has passed; reschedule to a later date instead.`);
      Object.assign(row, { status: 'ACCEPTED', scheduledOn, ndaRequired: input.ndaRequired ?? true, decidedAt: now });
      await this.save(manager, row, now);
      await this.report(
        manager,
        row,
        'Art 13.2',
        'inspection.accepted',
        { scheduledOn, ndaRequired: row.ndaRequired, entryRulesAcknowledged: row.entryRulesAcknowledgedOn !== null },
        now,
        caller.trace,
      );
      return row;
    });
  }

  async reschedule(input: RescheduleInspectionInput, caller: Caller): Promise<InspectionEntity> {
    const scheduledOn = calendarDate('scheduledOn', input.scheduledOn);
    const reason = cleanText('reason', input.reason, 1000);
    if (scheduledOn <= this.today()) throw bad(`The new date (${scheduledOn}) must be after today.`);
    return await this.change(input.id, 'reschedule', async (manager, row, now) => {
      if (scheduledOn === row.scheduledOn) throw bad(`The inspection is already set for ${scheduledOn}.`);
      const previous = row.scheduledOn;
      Object.assign(row, {
        status: 'RESCHEDULED',
        scheduledOn,
        rescheduleReason: reason,
        ndaRequired: row.ndaRequired ?? true,
        decidedAt: row.decidedAt ?? now,
        // A confirmed date that moves is confirmed again.
        confirmedAt: null,
      });
      await this.save(manager, row, now);
      await this.report(
        manager,
        row,
        'Art 13.2',
        'inspection.rescheduled',
        { scheduledOn, previousScheduledOn: previous, ndaRequired: row.ndaRequired },
        now,
        caller.trace,
      );
      return row;
    });
  }

  async decline(input: DeclineInspectionInput, caller: Caller): Promise<InspectionEntity> {
    const explanation = cleanText('explanation', input.explanation, 1000);
    return await this.change(input.id, 'decline', async (manager, row, now) => {
      Object.assign(row, { status: 'DECLINED', declineReason: input.reason, declineExplanation: explanation, decidedAt: now });
      await this.save(manager, row, now);
      await this.report(manager, row, 'Art 13.2', 'inspection.declined', { reason: input.reason }, now, caller.trace);
      return row;
    });
  }

  async recordNda(input: RecordInspectionNdaInput): Promise<InspectionEntity> {
    const signedOn = this.past('signedOn', input.signedOn);
    const [signatory] = participants('signatory', [input.signatory]);
    return await this.change(input.id, 'recordNda', async (manager, row, now) => {
      Object.assign(row, {
        ndaDocumentSha256: input.documentSha256.toLowerCase(),
        ndaSignedOn: signedOn,
        ndaSignatoryRole: signatory!.role,
        ndaSignatoryOrganization: signatory!.organization,
        ndaRecordedAt: now,
      });
      return await this.save(manager, row, now);
    });
  }

  async acknowledgeEntryRules(input: AcknowledgeInspectionEntryRulesInput): Promise<InspectionEntity> {
    let acknowledgedOn: string;
    if (this.byPartner) {
      if (input.acknowledgedOn || input.documentSha256) {
        throw bad('Leave acknowledgedOn and documentSha256 out: an acknowledgement through the API is made today, and is its own record.');
      }
      acknowledgedOn = this.today();
    } else {
      if (!input.acknowledgedOn || !input.documentSha256) {
        throw bad('Staff record a signed paper acknowledgement: give acknowledgedOn (its date) and documentSha256 (its SHA-256).');
      }
      acknowledgedOn = this.past('acknowledgedOn', input.acknowledgedOn);
    }
    return await this.change(input.id, 'acknowledgeEntryRules', async (manager, row, now) => {
      Object.assign(row, {
        entryRulesSha256: input.rulesSha256.toLowerCase(),
        entryRulesAcknowledgedOn: acknowledgedOn,
        entryRulesAcknowledgedVia: this.byPartner ? 'API' : 'PAPER',
        entryRulesAcknowledgementSha256: input.documentSha256?.toLowerCase() ?? null,
      });
      return await this.save(manager, row, now);
    });
  }

  async confirm(id: string, caller: Caller): Promise<InspectionEntity> {
    return await this.change(id, 'confirm', async (manager, row, now) => {
      if (row.ndaRequired !== false && !row.ndaSignedOn) {
        throw new DomainError(
          ErrorCode.NDA_REQUIRED,
          'The operator asked the client to sign an NDA (Art 13.3): record the signed NDA (recordInspectionNda) before confirming.',
        );
      }
      if (!row.entryRulesAcknowledgedOn) {
        throw new DomainError(
          ErrorCode.ENTRY_RULES_ACK_REQUIRED,
          'The client has not acknowledged the rules of entry and exit (Art 13.4): record it (acknowledgeInspectionEntryRules) before confirming.',
        );
      }
      if (row.scheduledOn! < this.today()) {
        throw new DomainError(ErrorCode.INVALID_TRANSITION, `Its date (${row.scheduledOn}) has passed: reschedule it first.`, {
          status: row.status,
        });
      }
      Object.assign(row, { status: 'CONFIRMED', confirmedAt: now });
      await this.save(manager, row, now);
      await this.report(
        manager,
        row,
        'Art 13.2',
        'inspection.confirmed',
        { scheduledOn: row.scheduledOn, ndaSignedOn: row.ndaSignedOn, entryRulesAcknowledgedOn: row.entryRulesAcknowledgedOn },
        now,
        caller.trace,
      );
      return row;
    });
  }

  async complete(input: CompleteInspectionInput, caller: Caller): Promise<InspectionEntity> {
    const completedOn = this.past('completedOn', input.completedOn);
    const findingsSummary = cleanText('findingsSummary', input.findingsSummary, 4000);
    return await this.change(input.id, 'complete', async (manager, row, now) => {
      if (completedOn < row.scheduledOn!) throw bad(`completedOn (${completedOn}) is before the scheduled date (${row.scheduledOn}).`);
      Object.assign(row, { status: 'COMPLETED', completedOn, findingsSummary });
      await this.save(manager, row, now);
      await this.report(manager, row, 'Art 13.2', 'inspection.completed', { completedOn }, now, caller.trace);
      return row;
    });
  }

  async cancel(input: CancelInspectionInput): Promise<InspectionEntity> {
    const reason = input.reason ? cleanText('reason', input.reason, 1000) : null;
    return await this.change(input.id, 'cancel', async (manager, row, now) => {
      Object.assign(row, { status: 'CANCELLED', cancelReason: reason, cancelledAt: now });
      return await this.save(manager, row, now);
    });
  }

  async recordCostDiscussion(input: RecordInspectionCostDiscussionInput): Promise<InspectionCostDiscussionEntity> {
    const discussedOn = this.past('discussedOn', input.discussedOn);
    const list = participants('participants', input.participants);
    const agreedOutcome = cleanText('agreedOutcome', input.agreedOutcome, 1000);
    return await this.change(input.inspectionId, 'recordCostDiscussion', async (manager, row, now) => {
      const discussion: InspectionCostDiscussionEntity = {
        id: newId(),
        inspectionId: row.id,
        clientId: row.clientId,
        discussedOn,
        participants: list,
        agreedOutcome,
        recordedAt: now,
      };
      await new InspectionCostDiscussionRepository(manager, this.scope).insert(discussion);
      return discussion;
    });
  }

  async chargeCost(input: ChargeInspectionCostInput, caller: Caller): Promise<InspectionCostEntity> {
    const description = cleanText('description', input.description, 500);
    return await this.change(input.inspectionId, 'chargeCost', async (manager, row, now) => {
      const discussions = await new InspectionCostDiscussionRepository(manager, this.scope).ofInspections([row.id]);
      if (discussions.length === 0) {
        throw new DomainError(
          ErrorCode.COST_DISCUSSION_REQUIRED,
          'Costs are charged only after discussion between both parties (Art 13.5): record it (recordInspectionCostDiscussion) first.',
        );
      }
      const discussion = input.discussionId ? discussions.find((d) => d.id === input.discussionId) : discussions.at(-1);
      if (!discussion) throw new DomainError(ErrorCode.NOT_FOUND, `No cost discussion ${input.discussionId} of inspection ${row.id}.`);
      const cost: InspectionCostEntity = {
        id: newId(),
        inspectionId: row.id,
        clientId: row.clientId,
        discussionId: discussion.id,
        description,
        amountJpy: input.amountJpy,
        chargedAt: now,
      };
      await new InspectionCostRepository(manager, this.scope).insert(cost);
      await this.report(
        manager,
        row,
        'Art 13.5',
        'inspection.cost-charged',
        { costId: cost.id, amountJpy: cost.amountJpy, discussionId: discussion.id, discussedOn: discussion.discussedOn },
        now,
        caller.trace,
      );
      return cost;
    });
  }
}
