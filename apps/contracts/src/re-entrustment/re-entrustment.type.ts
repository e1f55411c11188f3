import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '@azukari/service-kit';
import { ReEntrustmentDecisionValue, ReEntrustmentStatusValue } from './re-entrustment.inputs';
import type { ReEntrustmentEntity } from './re-entrustment.entity';
import type { ReEntrustmentObligationEntity } from './re-entrustment-obligation.entity';
import type { SubcontractorInstructionEntity } from './subcontractor-instruction.entity';
import type { SubcontractorReportEntity } from './subcontractor-report.entity';
import type { SupervisionFollowUpEntity } from './supervision-follow-up.entity';
import type { SupervisionReviewEntity } from './supervision-review.entity';
import { answerOverdue, mayFlow } from './re-entrustment.service';
import { followUpOverdue } from './supervision.service';

export enum DecisionViaValue {
  API = 'API',
  EMAIL_LINK = 'EMAIL_LINK',
  PAPER = 'PAPER',
}
registerEnumType(DecisionViaValue, {
  name: 'DecisionVia',
  description: "How the client's answer reached the operator: a partner token, a report email's link, or on paper (entered by staff).",
});

@ObjectType({ description: "The client's written decision on a re-entrustment (Art 6.1)." })
export class ReEntrustmentDecisionRecord {
  @Field(() => ReEntrustmentDecisionValue)
  decision!: ReEntrustmentDecisionValue;

  @Field(() => DateTimeScalar)
  decidedAt!: Date;

  @Field(() => DecisionViaValue)
  via!: DecisionViaValue;

  @Field({ description: 'The partner token, the address the email link went to, or the staff member who entered it.' })
  decidedBy!: string;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the written decision.' })
  documentSha256!: string | null;

  @Field(() => String, { nullable: true, description: 'Who signed it at the client.' })
  signedBy!: string | null;

  @Field(() => String, { nullable: true })
  comment!: string | null;
}

@ObjectType({
  description:
    "A part of the handling of a contract's information re-entrusted to a subcontractor (Art 6): proposed to the client in writing, effective only with its written consent.",
})
export class ReEntrustment {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  clientId!: string;

  @Field(() => ID)
  contractId!: string;

  @Field(() => ID)
  subcontractorId!: string;

  @Field({ description: 'The part of the handling re-entrusted.' })
  part!: string;

  @Field(() => ReEntrustmentStatusValue)
  status!: ReEntrustmentStatusValue;

  @Field(() => Boolean, { description: 'Whether information may flow to the subcontractor: only once the client consented in writing.' })
  dataMayFlow!: boolean;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The date (in Japan) by which an answer is asked for.' })
  answerBy!: string | null;

  @Field(() => Boolean, { description: 'Still awaiting an answer past answerBy. Silence is never consent: it stays PROPOSED.' })
  answerOverdue!: boolean;

  @Field(() => DateTimeScalar)
  proposedAt!: Date;

  @Field(() => ReEntrustmentDecisionRecord, { nullable: true })
  decision!: ReEntrustmentDecisionRecord | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was withdrawn or ended.' })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true })
  closingReason!: string | null;
}

@ObjectType({ description: 'An obligation imposed on the subcontractor (Art 6.2), with the paragraph it is equivalent to.' })
export class FlowDownObligation {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'e.g. Art 5.1' })
  article!: string;

  @Field()
  obligation!: string;

  @Field(() => DateTimeScalar)
  recordedAt!: Date;
}

@ObjectType({ description: 'What a review asked of the subcontractor, by when, and its closing.' })
export class SupervisionFollowUp {
  @Field(() => ID)
  id!: string;

  @Field()
  action!: string;

  @Field(() => LocalDateScalar)
  dueOn!: string;

  @Field(() => Boolean, { description: 'Still open past its due date.' })
  overdue!: boolean;

  @Field(() => DateTimeScalar, { nullable: true })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true })
  closingNote!: string | null;
}

@ObjectType({ description: "A review of the subcontractor's handling (Art 6.2: supervision)." })
export class SupervisionReview {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  reEntrustmentId!: string;

  @Field(() => LocalDateScalar)
  reviewedOn!: string;

  @Field()
  reviewer!: string;

  @Field()
  findings!: string;

  @Field(() => DateTimeScalar)
  recordedAt!: Date;
}

@ObjectType({ description: "A subcontractor's report on its safety measures and compliance, forwarded to the client (Art 13.6)." })
export class SubcontractorComplianceReport {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  reEntrustmentId!: string;

  @Field(() => ID)
  contractId!: string;

  @Field(() => ID)
  subcontractorId!: string;

  @Field(() => LocalDateScalar)
  receivedOn!: string;

  @Field()
  summary!: string;

  @Field({ description: "SHA-256 of the subcontractor's document." })
  documentSha256!: string;

  @Field(() => DateTimeScalar)
  recordedAt!: Date;
}

@ObjectType({ description: "The client's instructions or guidance for a subcontractor (Art 13.6)." })
export class SubcontractorInstruction {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  reportId!: string;

  @Field()
  instructions!: string;

  @Field(() => DateTimeScalar)
  givenAt!: Date;

  @Field({ description: 'API or EMAIL_LINK.' })
  givenVia!: string;

  @Field({ description: 'The partner token, or the address the email link went to.' })
  givenBy!: string;
}

export const toReEntrustment = (row: ReEntrustmentEntity, now: Date): ReEntrustment => ({
  id: row.id,
  clientId: row.clientId,
  contractId: row.contractId,
  subcontractorId: row.subcontractorId,
  part: row.part,
  status: row.status as ReEntrustmentStatusValue,
  dataMayFlow: mayFlow(row),
  answerBy: row.answerBy,
  answerOverdue: answerOverdue(row, now),
  proposedAt: row.proposedAt,
  decision:
    row.decision && row.decidedAt && row.decisionVia && row.decidedBy
      ? {
          decision: row.decision as ReEntrustmentDecisionValue,
          decidedAt: row.decidedAt,
          via: row.decisionVia as DecisionViaValue,
          decidedBy: row.decidedBy,
          documentSha256: row.documentSha256,
          signedBy: row.signedBy,
          comment: row.decisionComment,
        }
      : null,
  closedAt: row.closedAt,
  closingReason: row.closingReason,
});

export const toFlowDownObligation = (row: ReEntrustmentObligationEntity): FlowDownObligation => ({
  id: row.id,
  article: row.article,
  obligation: row.obligation,
  recordedAt: row.recordedAt,
});

export const toSupervisionReview = (row: SupervisionReviewEntity): SupervisionReview => ({
  id: row.id,
  reEntrustmentId: row.reEntrustmentId,
  reviewedOn: row.reviewedOn,
  reviewer: row.reviewer,
  findings: row.findings,
  recordedAt: row.recordedAt,
});

export const toSupervisionFollowUp = (row: SupervisionFollowUpEntity, now: Date): SupervisionFollowUp => ({
  id: row.id,
  action: row.action,
  dueOn: row.dueOn,
  overdue: followUpOverdue(row, now),
  closedAt: row.closedAt,
  closingNote: row.closingNote,
});

export const toSubcontractorComplianceReport = (row: SubcontractorReportEntity): SubcontractorComplianceReport => ({
  id: row.id,
  reEntrustmentId: row.reEntrustmentId,
  contractId: row.contractId,
  subcontractorId: row.subcontractorId,
  receivedOn: row.receivedOn,
  summary: row.summary,
  documentSha256: row.documentSha256,
  recordedAt: row.recordedAt,
});

export const toSubcontractorInstruction = (row: SubcontractorInstructionEntity): SubcontractorInstruction => ({
  id: row.id,
  reportId: row.reportId,
  instructions: row.instructions,
  givenAt: row.givenAt,
  givenVia: row.givenVia,
  givenBy: row.givenBy,
});
