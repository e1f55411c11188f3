/**
 * Binding and supervising the subcontractor (Art 6.2): the obligations flowed down to it, each
 * naming the paragraph of the Regulations it is equivalent to, and the reviews of its handling,
 * each with its findings and follow-ups (due dates, closed when done). Nothing is recorded on a
 * refused or withdrawn proposal, where nothing was or will be entrusted.
 */
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, cleanText, isCalendarDate, newId, tokyoDateOf, type Principal } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import { isRegulationParagraph, REGULATION_PARAGRAPHS } from './re-entrustment.articles';
import type { ReEntrustmentEntity } from './re-entrustment.entity';
import type { AddFlowDownObligationInput, CloseFollowUpInput, RecordSupervisionReviewInput } from './re-entrustment.inputs';
import { FollowUpRepository, ObligationRepository, ReEntrustmentRepository, ReviewRepository } from './re-entrustment.repository';
import type { ReEntrustmentObligationEntity } from './re-entrustment-obligation.entity';
import { employeeOf } from './re-entrustment.service';
import type { SupervisionFollowUpEntity } from './supervision-follow-up.entity';
import type { SupervisionReviewEntity } from './supervision-review.entity';

const calendarDate = (field: string, value: string): string => {
  if (!isCalendarDate(value)) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} is not a calendar date (YYYY-MM-DD).`);
  return value;
};

export class SupervisionService {
  constructor(
    private readonly deps: ContractsDeps,
    private readonly scope: TenantScope,
  ) {}

  /** The re-entrustment, if something may still be recorded on it. */
  private async open(manager: EntityManager, id: string): Promise<ReEntrustmentEntity> {
    const row = await new ReEntrustmentRepository(manager, this.scope).findById(id);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `No re-entrustment ${id}.`);
    if (row.status === 'REFUSED' || row.status === 'WITHDRAWN') {
      throw new DomainError(ErrorCode.CONFLICT, `Re-entrustment ${id} is ${row.status}: nothing is entrusted to supervise.`);
    }
    return row;
  }

  async addObligation(input: AddFlowDownObligationInput, by: Principal | null): Promise<ReEntrustmentObligationEntity> {
    if (!isRegulationParagraph(input.article)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `article must be one of ${REGULATION_PARAGRAPHS.join(', ')}.`, {
        fields: ['article'],
      });
    }
    const obligation = cleanText('obligation', input.obligation, 2000);
    return await this.deps.dataSource.transaction(async (manager) => {
      const parent = await this.open(manager, input.reEntrustmentId);
      const row: ReEntrustmentObligationEntity = {
        id: newId(),
        clientId: parent.clientId,
        reEntrustmentId: parent.id,
        article: input.article,
        obligation,
        recordedAt: this.deps.clock.now(),
        recordedBy: employeeOf(by),
      };
      await new ObligationRepository(manager, this.scope).insert(row);
      return row;
    });
  }

  async recordReview(
    input: RecordSupervisionReviewInput,
    by: Principal | null,
  ): Promise<{ review: SupervisionReviewEntity; followUps: SupervisionFollowUpEntity[] }> {
    const now = this.deps.clock.now();
    const reviewedOn = calendarDate('reviewedOn', input.reviewedOn);
    if (reviewedOn > tokyoDateOf(now)) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'reviewedOn must not be in the future.');
    const reviewer = cleanText('reviewer', input.reviewer, 200);
    const findings = cleanText('findings', input.findings, 4000);
    const asked = (input.followUps ?? []).map((f) => ({
      action: cleanText('action', f.action, 2000),
      dueOn: calendarDate('dueOn', f.dueOn),
    }));
    return await this.deps.dataSource.transaction(async (manager) => {
      const parent = await this.open(manager, input.reEntrustmentId);
      const review: SupervisionReviewEntity = {
        id: newId(),
        clientId: parent.clientId,
        reEntrustmentId: parent.id,
        reviewedOn,
        reviewer,
        findings,
        recordedAt: now,
        recordedBy: employeeOf(by),
      };
      await new ReviewRepository(manager, this.scope).insert(review);
      const followUps: SupervisionFollowUpEntity[] = [];
      for (const f of asked) {
        const row: SupervisionFollowUpEntity = {
          id: newId(),
          clientId: parent.clientId,
          reEntrustmentId: parent.id,
          reviewId: review.id,
          action: f.action,
          dueOn: f.dueOn,
          closedAt: null,
          closedBy: null,
          closingNote: null,
          createdAt: now,
          updatedAt: now,
        };
        await new FollowUpRepository(manager, this.scope).insert(row);
        followUps.push(row);
      }
      return { review, followUps };
    });
  }

  async closeFollowUp(input: CloseFollowUpInput, by: Principal | null): Promise<SupervisionFollowUpEntity> {
    const note = cleanText('note', input.note, 2000);
    return await this.deps.dataSource.transaction(async (manager) => {
      const repo = new FollowUpRepository(manager, this.scope);
      const row = await repo.lockById(input.id);
      if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `No follow-up ${input.id}.`);
      if (row.closedAt) throw new DomainError(ErrorCode.CONFLICT, `Follow-up ${row.id} was closed already.`);
      const now = this.deps.clock.now();
      row.closedAt = now;
      row.closedBy = employeeOf(by);
      row.closingNote = note;
      row.updatedAt = now;
      await repo.save(row);
      return row;
    });
  }
}

/** Is a follow-up still open past its due date (in Japan)? */
export const followUpOverdue = (row: Pick<SupervisionFollowUpEntity, 'closedAt' | 'dueOn'>, now: Date): boolean =>
  row.closedAt === null && tokyoDateOf(now) > row.dueOn;
