/**
 * The rules of written consents (Art 2.1 read with 4, Art 3, Art 6.1). Staff record a consent the
 * client signed on paper; the client grants one itself through the API (a consents:write token),
 * and that grant is the record. Either is for a contract of the client that is DRAFT or ACTIVE.
 * A BEYOND_PURPOSE consent names the purposes it widens the contract to; a RE_ENTRUSTMENT consent
 * names its one subcontractor. Revocation is kept (when, by which token, why), reported to the
 * client under the consent's article, and every decision from then on reads it.
 */
import { DomainError, ErrorCode, cleanText, newId, type Principal } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import { ClientReportRequested, type ReportArticle } from '@azukari/jobs';
import type { ConsentKind } from '@azukari/routes';
import type { ContractsDeps } from '../deps';
import { ContractRepository } from '../contract/contract.repository';
import type { EntityManager } from 'typeorm';
import { RE_ENTRUSTMENT_PROPOSED, applyConsent } from '../re-entrustment/re-entrustment.consent';
import { ReEntrustmentRepository } from '../re-entrustment/re-entrustment.repository';
import { recordAnswerOnSubjectReports } from '../report-answer/subject-answer';
import type { ConsentSource, WrittenConsentEntity } from './written-consent.entity';
import type { GrantWrittenConsentInput, RecordWrittenConsentInput, RevokeWrittenConsentInput } from './written-consent.inputs';
import { WrittenConsentRepository } from './written-consent.repository';

/** Who recorded a consent: a token (and the employee behind a staff one), or the address an email link went to. */
export interface ConsentRecorder {
  tokenId: string | null;
  employeeId: string | null;
  address: string | null;
}

/** Who acts, and the trace the report carries on. */
export interface ConsentActor {
  principal: Principal | null;
  trace: string;
}

/** The article each kind of consent discharges, named by its revocation's report. */
export const CONSENT_ARTICLE: Record<ConsentKind, ReportArticle> = {
  BEYOND_PURPOSE: 'Art 2.1',
  TAKE_OUT: 'Art 3',
  RE_ENTRUSTMENT: 'Art 6.1',
};

/** A revocation is reported within a day: the client learns its word was recorded and acted on. */
export const REVOCATION_REPORT_WITHIN_MS = 24 * 3600_000;

const by = (actor: ConsentActor): { tokenId: string; employeeId: string | null } => {
  if (!actor.principal) throw new Error('a consent change without a caller');
  return { tokenId: actor.principal.tokenId, employeeId: actor.principal.kind === 'staff' ? actor.principal.employeeId : null };
};

const bad = (message: string): DomainError => new DomainError(ErrorCode.BAD_USER_INPUT, message);

export class WrittenConsentService {
  constructor(
    private readonly deps: ContractsDeps,
    private readonly scope: TenantScope,
  ) {}

  /** Staff record a consent received on paper, granted at `input.grantedAt`. */
  async record(input: RecordWrittenConsentInput, actor: ConsentActor): Promise<WrittenConsentEntity> {
    if (input.grantedAt.getTime() > this.deps.clock.now().getTime()) {
      throw bad(`grantedAt (${input.grantedAt.toISOString()}) is in the future: give the time the client signed.`);
    }
    return await this.insert(input, input.grantedAt, 'PAPER', actor);
  }

  /** The client grants one through the API: granted now, the grant itself the record. */
  async grant(input: GrantWrittenConsentInput, actor: ConsentActor): Promise<WrittenConsentEntity> {
    return await this.insert(input, this.deps.clock.now(), 'API', actor);
  }

  async revoke(input: RevokeWrittenConsentInput, actor: ConsentActor): Promise<WrittenConsentEntity> {
    const reason = cleanText('reason', input.reason, 1000);
    const who = by(actor);
    return await this.deps.dataSource.transaction(async (manager) => {
      const repo = new WrittenConsentRepository(manager, this.scope);
      const row = await repo.lockById(input.id);
      if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `No written consent ${input.id}.`);
      if (row.revokedAt) {
        throw new DomainError(ErrorCode.CONFLICT, `Written consent ${row.id} was revoked already, at ${row.revokedAt.toISOString()}.`);
      }
      const now = this.deps.clock.now();
      row.revokedAt = now;
      row.revokedByTokenId = who.tokenId;
      row.revokedByEmployeeId = who.employeeId;
      row.revocationReason = reason;
      row.updatedAt = now;
      await repo.update(row, ['revokedAt', 'revokedByTokenId', 'revokedByEmployeeId', 'revocationReason', 'updatedAt']);
      if (row.kind === 'RE_ENTRUSTMENT') {
        // Nothing more may flow under a re-entrustment whose consent is withdrawn: it ends with it.
        const reEntrustments = new ReEntrustmentRepository(manager, this.scope);
        for (const reEntrustment of await reEntrustments.consentedUnder(row.id)) {
          reEntrustment.status = 'ENDED';
          reEntrustment.closedAt = now;
          reEntrustment.closingReason = `The client revoked its written consent ${row.id}: ${reason}`.slice(0, 2000);
          reEntrustment.updatedAt = now;
          await reEntrustments.save(reEntrustment);
        }
      }
      await this.deps.outbox.add(
        manager,
        ClientReportRequested,
        {
          clientId: row.clientId,
          contractIds: [row.contractId],
          article: CONSENT_ARTICLE[row.kind],
          kind: 'consent.revoked',
          subject: { type: 'WrittenConsent', id: row.id },
          facts: {
            consentId: row.id,
            contractId: row.contractId,
            consentKind: row.kind,
            subcontractorId: row.subcontractorId,
            revokedAt: now.toISOString(),
          },
          dueAt: new Date(now.getTime() + REVOCATION_REPORT_WITHIN_MS).toISOString(),
        },
        actor.trace,
      );
      return row;
    });
  }

  private async insert(
    input: GrantWrittenConsentInput,
    grantedAt: Date,
    source: ConsentSource,
    actor: ConsentActor,
  ): Promise<WrittenConsentEntity> {
    const recorder = { ...by(actor), address: null };
    return await this.deps.dataSource.transaction(async (manager) => {
      const row = await this.recordIn(manager, input, grantedAt, source, recorder);
      if (row.kind === 'RE_ENTRUSTMENT') {
        // Given directly, the consent is also the answer to each proposal it decided.
        for (const reEntrustment of await new ReEntrustmentRepository(manager, this.scope).decidedBy(row.id)) {
          await recordAnswerOnSubjectReports(manager, this.scope, {
            subject: { type: 'ReEntrustment', id: reEntrustment.id },
            kind: RE_ENTRUSTMENT_PROPOSED,
            answer: 'CONSENT',
            answerer: { via: 'API', principal: actor.principal! },
            comment: null,
            at: row.createdAt,
          });
        }
      }
      return row;
    });
  }

  /**
   * Records a consent in `manager`'s transaction: the one insert that every way of consenting goes
   * through. A RE_ENTRUSTMENT consent decides, as CONSENTED, the proposal it answers (`decides`), or
   * when given directly every proposal of its contract to its subcontractor still awaiting an
   * answer, and links them to it: the consent is the one fact, and revoking it ends them.
   */
  async recordIn(
    manager: EntityManager,
    input: Omit<GrantWrittenConsentInput, 'grantedByTitle'> & { grantedByTitle: string | null },
    grantedAt: Date,
    source: ConsentSource,
    recorder: ConsentRecorder,
    decides: { reEntrustmentId: string; comment: string | null } | null = null,
  ): Promise<WrittenConsentEntity> {
    const scope = this.checkedScope(input);
    const grantedByName = cleanText('grantedByName', input.grantedByName, 200);
    const grantedByTitle = input.grantedByTitle == null ? null : cleanText('grantedByTitle', input.grantedByTitle, 200);
    const now = this.deps.clock.now();
    if (input.expiresAt && input.expiresAt.getTime() <= Math.max(now.getTime(), grantedAt.getTime())) {
      throw bad(`expiresAt (${input.expiresAt.toISOString()}) has passed: a consent recorded must still be in force.`);
    }
    // Another client's contract reads as a missing one.
    const contract = await new ContractRepository(manager, this.scope).findById(input.contractId);
    if (!contract) throw new DomainError(ErrorCode.NOT_FOUND, `No contract ${input.contractId}.`);
    if (contract.status !== 'DRAFT' && contract.status !== 'ACTIVE') {
      throw new DomainError(
        ErrorCode.CONFLICT,
        `Contract ${contract.id} is ${contract.status}: a consent is recorded only for a DRAFT or ACTIVE contract. Nothing was recorded.`,
      );
    }
    const row: WrittenConsentEntity = {
      id: newId(),
      clientId: contract.clientId,
      contractId: contract.id,
      kind: input.kind,
      purposes: scope.purposes ? JSON.stringify(scope.purposes) : null,
      assetIds: scope.assetIds ? JSON.stringify(scope.assetIds) : null,
      subcontractorId: scope.subcontractorId,
      documentSha256: input.documentSha256.toLowerCase(),
      grantedByName,
      grantedByTitle,
      grantedAt,
      expiresAt: input.expiresAt ?? null,
      source,
      recordedByTokenId: recorder.tokenId,
      recordedByEmployeeId: recorder.employeeId,
      recordedByAddress: recorder.address,
      revokedAt: null,
      revokedByTokenId: null,
      revokedByEmployeeId: null,
      revocationReason: null,
      createdAt: now,
      updatedAt: now,
    };
    await new WrittenConsentRepository(manager, this.scope).insert(row);
    if (row.kind === 'RE_ENTRUSTMENT' && row.subcontractorId) {
      const reEntrustments = new ReEntrustmentRepository(manager, this.scope);
      const answered = decides
        ? [await reEntrustments.lockById(decides.reEntrustmentId)].filter((r) => r !== null)
        : await reEntrustments.awaitingAnswer(row.contractId, row.subcontractorId);
      const decidedBy = recorder.address ?? recorder.employeeId ?? recorder.tokenId ?? 'unknown';
      for (const reEntrustment of answered) {
        applyConsent(reEntrustment, row, { via: source, decidedBy, comment: decides?.comment ?? null, at: now });
        await reEntrustments.save(reEntrustment);
      }
    }
    return row;
  }

  /** The scope as the kind wants it, or BAD_USER_INPUT naming what is missing or out of place. */
  private checkedScope(input: Pick<GrantWrittenConsentInput, 'kind' | 'purposes' | 'assetIds' | 'subcontractorId'>): {
    purposes: string[] | null;
    assetIds: string[] | null;
    subcontractorId: string | null;
  } {
    const purposes = input.purposes ? [...new Set(input.purposes.map((p) => cleanText('purpose', p, 200)))].sort() : null;
    const assetIds = input.assetIds ? [...new Set(input.assetIds.map((a) => a.toLowerCase()))].sort() : null;
    if (input.kind === 'BEYOND_PURPOSE' && !purposes) {
      throw bad('A BEYOND_PURPOSE consent must name the purposes it allows beyond the contract (purposes).');
    }
    if (input.kind === 'RE_ENTRUSTMENT' && !input.subcontractorId) {
      throw bad('A RE_ENTRUSTMENT consent must name the subcontractor it approves (subcontractorId).');
    }
    if (input.kind !== 'RE_ENTRUSTMENT' && input.subcontractorId) {
      throw bad(`A ${input.kind} consent names no subcontractor: leave subcontractorId out.`);
    }
    return { purposes, assetIds, subcontractorId: input.subcontractorId?.toLowerCase() ?? null };
  }
}
