/**
 * A subcontractor's report on its safety measures and compliance (Art 13.6): recorded on each of
 * its consented re-entrustments and forwarded at once to each one's client (one report per
 * re-entrustment, due a day later: Azukari's reading of "promptly"). The client may answer with
 * instructions or guidance for the subcontractor, through the API or the report email's link;
 * each is recorded with when and by whom.
 */
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, SHA256_HEX, cleanText, isCalendarDate, newId, tokyoDateOf, type Principal } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import { ClientReportRequested } from '@azukari/jobs';
import type { ContractsDeps } from '../deps';
import { recordAnswerOnSubjectReports } from '../report-answer/subject-answer';
import type { ReportAnswerer } from '../client-report/report-answer';
import { SubcontractorRepository } from '../subcontractor/subcontractor.repository';
import type { InstructSubcontractorInput, RecordSubcontractorReportInput } from './re-entrustment.inputs';
import { InstructionRepository, ReEntrustmentRepository, SubcontractorReportRepository } from './re-entrustment.repository';
import { employeeOf } from './re-entrustment.service';
import type { SubcontractorInstructionEntity } from './subcontractor-instruction.entity';
import type { SubcontractorReportEntity } from './subcontractor-report.entity';

/** The kind of the 13.6 report: a stable name the client can switch on. */
export const SUBCONTRACTOR_COMPLIANCE_REPORTED = 'subcontractor.compliance-reported';

/** "Promptly" (Art 13.6): the forwarded report is due a day after the operator records it. */
export const FORWARD_DUE_MS = 24 * 3600_000;

export class SubcontractorReportService {
  constructor(
    private readonly deps: ContractsDeps,
    private readonly scope: TenantScope,
  ) {}

  /** Recorded on every consented re-entrustment to the subcontractor and forwarded to each client; CONFLICT when there is none. */
  async record(input: RecordSubcontractorReportInput, by: Principal | null, trace: string | null): Promise<SubcontractorReportEntity[]> {
    const now = this.deps.clock.now();
    if (!isCalendarDate(input.receivedOn)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'receivedOn is not a calendar date (YYYY-MM-DD).', { fields: ['receivedOn'] });
    }
    if (input.receivedOn > tokyoDateOf(now)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'receivedOn must not be in the future.', { fields: ['receivedOn'] });
    }
    const documentSha256 = input.documentSha256.trim().toLowerCase();
    if (!SHA256_HEX.test(documentSha256)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'documentSha256 must be 64 hexadecimal digits (the SHA-256 of the document).', {
        fields: ['documentSha256'],
      });
    }
    const summary = cleanText('summary', input.summary, 4000);
    return await this.deps.dataSource.transaction(async (manager) => {
      const subcontractor = await new SubcontractorRepository(manager, this.scope).findById(input.subcontractorId);
      if (!subcontractor) throw new DomainError(ErrorCode.NOT_FOUND, `No subcontractor ${input.subcontractorId}.`);
      const entrusted = await new ReEntrustmentRepository(manager, this.scope).toSubcontractor(subcontractor.id, 'CONSENTED');
      if (entrusted.length === 0) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `Subcontractor ${subcontractor.id} has no consented re-entrustment: there is no client to forward its report to.`,
        );
      }
      const rows: SubcontractorReportEntity[] = [];
      for (const parent of entrusted) {
        const row: SubcontractorReportEntity = {
          id: newId(),
          clientId: parent.clientId,
          reEntrustmentId: parent.id,
          contractId: parent.contractId,
          subcontractorId: subcontractor.id,
          receivedOn: input.receivedOn,
          summary,
          documentSha256,
          recordedAt: now,
          recordedBy: employeeOf(by),
        };
        await new SubcontractorReportRepository(manager, this.scope).insert(row);
        await this.deps.outbox.add(
          manager,
          ClientReportRequested,
          {
            clientId: row.clientId,
            contractIds: [row.contractId],
            article: 'Art 13.6',
            kind: SUBCONTRACTOR_COMPLIANCE_REPORTED,
            subject: { type: 'SubcontractorComplianceReport', id: row.id },
            facts: {
              subcontractorReportId: row.id,
              reEntrustmentId: row.reEntrustmentId,
              contractId: row.contractId,
              subcontractorId: subcontractor.id,
              subcontractorName: subcontractor.name,
              receivedOn: row.receivedOn,
              summary: row.summary,
              documentSha256: row.documentSha256,
            },
            dueAt: new Date(now.getTime() + FORWARD_DUE_MS).toISOString(),
          },
          trace,
        );
        rows.push(row);
      }
      return rows;
    });
  }

  /** The client's instructions for the subcontractor, in `manager`'s transaction (the API's, or the email answer's). */
  async instruct(
    manager: EntityManager,
    reportId: string,
    instructions: string,
    answerer: ReportAnswerer,
  ): Promise<SubcontractorInstructionEntity> {
    const text = cleanText('instructions', instructions, 4000);
    const report = await new SubcontractorReportRepository(manager, this.scope).findById(reportId);
    if (!report) throw new DomainError(ErrorCode.NOT_FOUND, `No subcontractor report ${reportId}.`);
    const row: SubcontractorInstructionEntity = {
      id: newId(),
      clientId: report.clientId,
      reEntrustmentId: report.reEntrustmentId,
      reportId: report.id,
      instructions: text,
      givenAt: this.deps.clock.now(),
      givenVia: answerer.via,
      givenBy: answerer.via === 'EMAIL_LINK' ? answerer.address : answerer.principal.tokenId,
    };
    await new InstructionRepository(manager, this.scope).insert(row);
    return row;
  }

  /** Through the API: a partner's own transaction. */
  async instructByApi(input: InstructSubcontractorInput, principal: Principal): Promise<SubcontractorInstructionEntity> {
    const answerer = { via: 'API', principal } as const;
    return await this.deps.dataSource.transaction(async (manager) => {
      const row = await this.instruct(manager, input.reportId, input.instructions, answerer);
      // The instructions are the answer the forwarded report asked for.
      await recordAnswerOnSubjectReports(manager, this.scope, {
        subject: { type: 'SubcontractorComplianceReport', id: row.reportId },
        kind: SUBCONTRACTOR_COMPLIANCE_REPORTED,
        answer: 'INSTRUCT',
        answerer,
        comment: row.instructions,
        at: row.givenAt,
      });
      return row;
    });
  }
}
