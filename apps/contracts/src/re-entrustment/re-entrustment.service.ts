/**
 * The rules of re-entrustment (Art 6.1): staff propose to pass a described part of a contract's
 * handling on to a subcontractor, and the proposal is reported to the client in writing, with the
 * subcontractor's name and address, in the same transaction. Only the client's explicit written
 * decision moves it on: CONSENT (with the document's SHA-256 and who signed it at the client) or
 * REFUSE. Silence never consents, and neither does a lapsed answer date, which only shows the
 * proposal as overdue for an answer. Nothing may flow to the subcontractor before the consent
 * (`assertMayFlow`). A proposal may be withdrawn, a consented re-entrustment ended.
 */
import type { EntityManager } from 'typeorm';
import {
  DomainError,
  ErrorCode,
  SHA256_HEX,
  cleanText,
  isCalendarDate,
  isStaff,
  newId,
  tokyoDateOf,
  type Principal,
} from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import { ClientReportRequested } from '@azukari/jobs';
import type { ContractsDeps } from '../deps';
import type { ReportAnswerer } from '../client-report/report-answer';
import { ContractRepository } from '../contract/contract.repository';
import { SubcontractorRepository } from '../subcontractor/subcontractor.repository';
import { WrittenConsentService } from '../written-consent/written-consent.service';
import { WrittenConsentKind } from '../written-consent/written-consent.type';
import { RE_ENTRUSTMENT_PROPOSED, type DecisionDetails } from './re-entrustment.consent';

export { RE_ENTRUSTMENT_PROPOSED };
import type { DecisionVia, ReEntrustmentDecision, ReEntrustmentEntity, ReEntrustmentStatus } from './re-entrustment.entity';
import type { ProposeReEntrustmentInput } from './re-entrustment.inputs';
import { ReEntrustmentRepository } from './re-entrustment.repository';

/**
 * When the 6.1 notice is due: a day after the proposal. The notice must precede any flow, and
 * nothing flows before the client's consent, which the notice asks for; the day measures only how
 * promptly the operator told the client.
 */
export const PROPOSAL_NOTICE_DUE_MS = 24 * 3600_000;

/** The staff member a change is recorded against; null for the bootstrap admin token. */
export const employeeOf = (principal: Principal | null): string | null => (principal && isStaff(principal) ? principal.employeeId : null);

/** Has the answer date passed with no answer? Never a consent: only an overdue question. */
export const answerOverdue = (row: Pick<ReEntrustmentEntity, 'status' | 'answerBy'>, now: Date): boolean =>
  row.status === 'PROPOSED' && row.answerBy !== null && tokyoDateOf(now) > row.answerBy;

/** May information flow to the subcontractor under this re-entrustment? Only with the client's written consent. */
export const mayFlow = (row: Pick<ReEntrustmentEntity, 'status'>): boolean => row.status === 'CONSENTED';

const optionalText = (field: string, value: string | null | undefined, max: number): string | null =>
  value == null || value.trim() === '' ? null : cleanText(field, value, max);

export class ReEntrustmentService {
  constructor(
    private readonly deps: ContractsDeps,
    private readonly scope: TenantScope,
  ) {}

  private async locked(manager: EntityManager, id: string): Promise<ReEntrustmentEntity> {
    const row = await new ReEntrustmentRepository(manager, this.scope).lockById(id);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `No re-entrustment ${id}.`);
    return row;
  }

  private static mustBe(row: ReEntrustmentEntity, status: ReEntrustmentStatus, doing: string): void {
    if (row.status !== status) {
      throw new DomainError(ErrorCode.CONFLICT, `Re-entrustment ${row.id} is ${row.status}; only a ${status} one can be ${doing}.`);
    }
  }

  /** The proposal and its 6.1 notice to the client, in one transaction. */
  async propose(input: ProposeReEntrustmentInput, by: Principal | null, trace: string | null): Promise<ReEntrustmentEntity> {
    const part = cleanText('part', input.part, 2000);
    const now = this.deps.clock.now();
    if (input.answerBy != null) {
      if (!isCalendarDate(input.answerBy)) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'answerBy is not a calendar date (YYYY-MM-DD).');
      if (input.answerBy < tokyoDateOf(now)) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'answerBy must not be in the past.');
    }
    return await this.deps.dataSource.transaction(async (manager) => {
      const contract = await new ContractRepository(manager, this.scope).findById(input.contractId);
      if (!contract) throw new DomainError(ErrorCode.NOT_FOUND, `No contract ${input.contractId}.`);
      if (contract.status !== 'ACTIVE') {
        throw new DomainError(ErrorCode.CONFLICT, `Contract ${contract.id} has ended; its handling cannot be re-entrusted.`);
      }
      const subcontractor = await new SubcontractorRepository(manager, this.scope).findById(input.subcontractorId);
      if (!subcontractor) throw new DomainError(ErrorCode.NOT_FOUND, `No subcontractor ${input.subcontractorId}.`);
      const row: ReEntrustmentEntity = {
        id: newId(),
        clientId: contract.clientId,
        contractId: contract.id,
        subcontractorId: subcontractor.id,
        part,
        status: 'PROPOSED',
        answerBy: input.answerBy ?? null,
        proposedAt: now,
        proposedBy: employeeOf(by),
        decision: null,
        decidedAt: null,
        decisionVia: null,
        decidedBy: null,
        writtenConsentId: null,
        documentSha256: null,
        signedBy: null,
        decisionComment: null,
        closedAt: null,
        closingReason: null,
        createdAt: now,
        updatedAt: now,
      };
      await new ReEntrustmentRepository(manager, this.scope).insert(row);
      // The notice in writing (Art 6.1): the subcontractor's name and address are company data.
      await this.deps.outbox.add(
        manager,
        ClientReportRequested,
        {
          clientId: row.clientId,
          contractIds: [row.contractId],
          article: 'Art 6.1',
          kind: RE_ENTRUSTMENT_PROPOSED,
          subject: { type: 'ReEntrustment', id: row.id },
          facts: {
            reEntrustmentId: row.id,
            contractId: row.contractId,
            subcontractorId: subcontractor.id,
            subcontractorName: subcontractor.name,
            subcontractorAddress: subcontractor.address,
            part: row.part,
            answerBy: row.answerBy,
          },
          dueAt: new Date(now.getTime() + PROPOSAL_NOTICE_DUE_MS).toISOString(),
        },
        trace,
      );
      return row;
    });
  }

  /**
   * The client's decision on a proposal, in `manager`'s transaction (the API's, or the email answer's):
   * CONSENT needs the written decision's SHA-256 and who signed it at the client; a decided,
   * withdrawn or ended re-entrustment is CONFLICT; another client's is NOT_FOUND. Nothing is written
   * on a refusal.
   */
  async recordClientDecision(
    manager: EntityManager,
    reEntrustmentId: string,
    decision: ReEntrustmentDecision,
    answerer: ReportAnswerer,
    details: DecisionDetails,
  ): Promise<ReEntrustmentEntity> {
    const documentSha256 = details.documentSha256?.trim().toLowerCase() || null;
    if (documentSha256 !== null && !SHA256_HEX.test(documentSha256)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'documentSha256 must be 64 hexadecimal digits (the SHA-256 of the document).', {
        fields: ['documentSha256'],
      });
    }
    const signedBy = optionalText('signedBy', details.signedBy, 200);
    const comment = optionalText('comment', details.comment, 2000);
    if (decision === 'CONSENT' && (documentSha256 === null || signedBy === null)) {
      throw new DomainError(
        ErrorCode.BAD_USER_INPUT,
        'A consent is written: give the SHA-256 of the signed document and who signed it at the client.',
        { fields: [...(documentSha256 === null ? ['documentSha256'] : []), ...(signedBy === null ? ['signedBy'] : [])] },
      );
    }
    const row = await this.locked(manager, reEntrustmentId);
    ReEntrustmentService.mustBe(row, 'PROPOSED', 'decided');
    const now = this.deps.clock.now();
    const via: DecisionVia = answerer.via === 'EMAIL_LINK' ? 'EMAIL_LINK' : isStaff(answerer.principal) ? 'PAPER' : 'API';
    const recordedBy =
      answerer.via === 'EMAIL_LINK'
        ? answerer.address
        : isStaff(answerer.principal)
          ? (answerer.principal.employeeId ?? answerer.principal.tokenId)
          : answerer.principal.tokenId;
    if (decision === 'REFUSE') {
      await this.decide(manager, row, { decision, at: now, via, recordedBy, documentSha256, signedBy, comment });
      return row;
    }
    // The consent is a WrittenConsent of kind RE_ENTRUSTMENT, recorded as every consent is; it
    // decides this proposal and is what the decision API reads before anything flows.
    await new WrittenConsentService(this.deps, this.scope).recordIn(
      manager,
      {
        contractId: row.contractId,
        kind: WrittenConsentKind.RE_ENTRUSTMENT,
        purposes: null,
        assetIds: null,
        subcontractorId: row.subcontractorId,
        documentSha256: documentSha256!,
        grantedByName: signedBy!,
        grantedByTitle: null,
        expiresAt: null,
      },
      now,
      via,
      {
        tokenId: answerer.via === 'API' ? answerer.principal.tokenId : null,
        employeeId: answerer.via === 'API' && isStaff(answerer.principal) ? answerer.principal.employeeId : null,
        address: answerer.via === 'EMAIL_LINK' ? answerer.address : null,
      },
      { reEntrustmentId: row.id, comment },
    );
    return await this.locked(manager, row.id);
  }

  private async decide(
    manager: EntityManager,
    row: ReEntrustmentEntity,
    d: {
      decision: ReEntrustmentDecision;
      at: Date;
      via: DecisionVia;
      recordedBy: string;
      documentSha256: string | null;
      signedBy: string | null;
      comment: string | null;
    },
  ): Promise<void> {
    row.decision = d.decision;
    row.decidedAt = d.at;
    row.decisionVia = d.via;
    row.decidedBy = d.recordedBy;
    row.documentSha256 = d.documentSha256;
    row.signedBy = d.signedBy;
    row.decisionComment = d.comment;
    row.status = d.decision === 'CONSENT' ? 'CONSENTED' : 'REFUSED';
    row.updatedAt = d.at;
    await new ReEntrustmentRepository(manager, this.scope).save(row);
  }

  async withdraw(id: string, reason: string | null | undefined): Promise<ReEntrustmentEntity> {
    return await this.close(id, 'PROPOSED', 'WITHDRAWN', 'withdrawn', reason);
  }

  async end(id: string, reason: string | null | undefined): Promise<ReEntrustmentEntity> {
    return await this.close(id, 'CONSENTED', 'ENDED', 'ended', reason);
  }

  private async close(
    id: string,
    from: ReEntrustmentStatus,
    to: ReEntrustmentStatus,
    doing: string,
    reason: string | null | undefined,
  ): Promise<ReEntrustmentEntity> {
    const closingReason = optionalText('reason', reason, 2000);
    return await this.deps.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, id);
      ReEntrustmentService.mustBe(row, from, doing);
      const now = this.deps.clock.now();
      row.status = to;
      row.closedAt = now;
      row.closingReason = closingReason;
      row.updatedAt = now;
      await new ReEntrustmentRepository(manager, this.scope).save(row);
      return row;
    });
  }

  /**
   * Refuses (CONSENT_REQUIRED) unless the client has consented in writing to re-entrusting this
   * contract's handling to this subcontractor: the check for anything that would pass its
   * information on.
   */
  async assertMayFlow(manager: EntityManager, contractId: string, subcontractorId: string): Promise<void> {
    if (!(await new ReEntrustmentRepository(manager, this.scope).consented(contractId, subcontractorId))) {
      throw new DomainError(
        ErrorCode.CONSENT_REQUIRED,
        `No written consent of the client to re-entrust contract ${contractId} to subcontractor ${subcontractorId}.`,
      );
    }
  }
}
