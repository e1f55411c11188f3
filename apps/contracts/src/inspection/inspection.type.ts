import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '@azukari/service-kit';
import type {
  InspectionCostDiscussionEntity,
  InspectionCostEntity,
  InspectionEntity,
  InspectionChannel as Channel,
  InspectionDeclineReason as DeclineReason,
  InspectionStatus as Status,
} from './inspection.entity';

export enum InspectionStatus {
  REQUESTED = 'REQUESTED',
  ACCEPTED = 'ACCEPTED',
  RESCHEDULED = 'RESCHEDULED',
  DECLINED = 'DECLINED',
  CONFIRMED = 'CONFIRMED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(InspectionStatus, {
  name: 'InspectionStatus',
  description: 'Where an on-site inspection (Art 13.2) stands.',
  valuesConfig: {
    REQUESTED: { description: 'The client gave written notice; the operator has not answered.' },
    ACCEPTED: { description: 'The operator agreed to one of the proposed dates.' },
    RESCHEDULED: { description: 'The operator set another date, with its reason.' },
    DECLINED: { description: 'The operator declined for a reason Art 13.2 allows. Final.' },
    CONFIRMED: { description: 'The date holds: the NDA asked for is signed and the rules of entry and exit acknowledged.' },
    COMPLETED: { description: 'It took place; the findings summary is recorded. Final.' },
    CANCELLED: { description: 'The client withdrew it. Final.' },
  },
});

export enum InspectionChannel {
  API = 'API',
  PAPER = 'PAPER',
}
registerEnumType(InspectionChannel, {
  name: 'InspectionChannel',
  valuesConfig: {
    API: { description: "The partner's request through the API is the written record." },
    PAPER: { description: 'Staff recorded it from a paper document, with its SHA-256.' },
  },
});

export enum InspectionDeclineReason {
  IMPEDES_OPERATIONS = 'IMPEDES_OPERATIONS',
  OTHER_VALID_REASON = 'OTHER_VALID_REASON',
}
registerEnumType(InspectionDeclineReason, {
  name: 'InspectionDeclineReason',
  description: 'The reasons Art 13.2 lets the operator decline an inspection for.',
  valuesConfig: {
    IMPEDES_OPERATIONS: { description: 'It would impede the operation of the business.' },
    OTHER_VALID_REASON: { description: 'Another valid reason, said in the explanation.' },
  },
});

@ObjectType({ description: 'A person taking part, by role and organization only (no name).' })
export class InspectionParticipant {
  @Field()
  role!: string;

  @Field()
  organization!: string;
}

@ObjectType({ description: "The non-disclosure agreement on the operator's trade secrets the client signed (Art 13.3)." })
export class InspectionNda {
  @Field({ description: 'SHA-256 (hex) of the signed document.' })
  documentSha256!: string;

  @Field(() => LocalDateScalar)
  signedOn!: string;

  @Field(() => InspectionParticipant, { description: 'Who signed for the client, by role and organization.' })
  signatory!: InspectionParticipant;

  @Field(() => DateTimeScalar)
  recordedAt!: Date;
}

@ObjectType({ description: "The client's acknowledgement of the operator's rules of entry and exit (Art 13.4)." })
export class InspectionEntryRulesAcknowledgement {
  @Field({ description: 'SHA-256 (hex) of the rules document acknowledged.' })
  rulesSha256!: string;

  @Field(() => LocalDateScalar)
  acknowledgedOn!: string;

  @Field(() => InspectionChannel)
  via!: Channel;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the signed acknowledgement, when recorded from paper.' })
  documentSha256!: string | null;
}

@ObjectType({ description: 'The discussion between both parties that comes before any cost is charged (Art 13.5).' })
export class InspectionCostDiscussion {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDateScalar)
  discussedOn!: string;

  @Field(() => [InspectionParticipant])
  participants!: InspectionParticipant[];

  @Field()
  agreedOutcome!: string;

  @Field(() => DateTimeScalar)
  recordedAt!: Date;
}

@ObjectType({ description: 'A cost of receiving an inspection beyond the expected scope (Art 13.5).' })
export class InspectionCost {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The discussion it was charged after.' })
  discussionId!: string;

  @Field()
  description!: string;

  @Field(() => Int, { description: 'In yen, tax included.' })
  amountJpy!: number;

  @Field(() => DateTimeScalar)
  chargedAt!: Date;
}

@ObjectType({ description: 'An on-site inspection of the operator a client asked for with prior written notice (Art 13.2–13.5).' })
export class Inspection {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  clientId!: string;

  @Field(() => InspectionStatus)
  status!: Status;

  @Field(() => InspectionChannel, { description: 'How the written notice was given.' })
  noticeChannel!: Channel;

  @Field(() => LocalDateScalar, { description: 'When the written notice was given, in Japan.' })
  noticeGivenOn!: string;

  @Field(() => String, { nullable: true, description: 'SHA-256 (hex) of the notice document (always for a paper notice).' })
  noticeDocumentSha256!: string | null;

  @Field({ description: 'What it is to verify: the safety measures, as far as needed (Art 13.2).' })
  purpose!: string;

  @Field(() => [LocalDateScalar], { description: 'The dates the client proposed, each after the notice.' })
  proposedDates!: string[];

  @Field(() => [InspectionParticipant])
  inspectors!: InspectionParticipant[];

  @Field(() => LocalDateScalar, { nullable: true, description: 'The date set by acceptance or by the last rescheduling.' })
  scheduledOn!: string | null;

  @Field(() => String, { nullable: true })
  rescheduleReason!: string | null;

  @Field(() => InspectionDeclineReason, { nullable: true })
  declineReason!: DeclineReason | null;

  @Field(() => String, { nullable: true })
  declineExplanation!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the operator asked for an NDA (Art 13.3); set when accepted.' })
  ndaRequired!: boolean | null;

  @Field(() => InspectionNda, { nullable: true })
  nda!: InspectionNda | null;

  @Field(() => InspectionEntryRulesAcknowledgement, { nullable: true })
  entryRulesAcknowledgement!: InspectionEntryRulesAcknowledgement | null;

  @Field(() => String, { nullable: true })
  cancelReason!: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  completedOn!: string | null;

  @Field(() => String, { nullable: true })
  findingsSummary!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  confirmedAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export const toInspection = (row: InspectionEntity): Inspection => ({
  id: row.id,
  clientId: row.clientId,
  status: row.status,
  noticeChannel: row.noticeChannel,
  noticeGivenOn: row.noticeGivenOn,
  noticeDocumentSha256: row.noticeDocumentSha256,
  purpose: row.purpose,
  proposedDates: row.proposedDates,
  inspectors: row.inspectors,
  scheduledOn: row.scheduledOn,
  rescheduleReason: row.rescheduleReason,
  declineReason: row.declineReason,
  declineExplanation: row.declineExplanation,
  ndaRequired: row.ndaRequired,
  nda:
    row.ndaDocumentSha256 && row.ndaSignedOn && row.ndaRecordedAt
      ? {
          documentSha256: row.ndaDocumentSha256,
          signedOn: row.ndaSignedOn,
          signatory: { role: row.ndaSignatoryRole ?? '', organization: row.ndaSignatoryOrganization ?? '' },
          recordedAt: row.ndaRecordedAt,
        }
      : null,
  entryRulesAcknowledgement:
    row.entryRulesSha256 && row.entryRulesAcknowledgedOn && row.entryRulesAcknowledgedVia
      ? {
          rulesSha256: row.entryRulesSha256,
          acknowledgedOn: row.entryRulesAcknowledgedOn,
          via: row.entryRulesAcknowledgedVia,
          documentSha256: row.entryRulesAcknowledgementSha256,
        }
      : null,
  cancelReason: row.cancelReason,
  completedOn: row.completedOn,
  findingsSummary: row.findingsSummary,
  decidedAt: row.decidedAt,
  confirmedAt: row.confirmedAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export const toInspectionCostDiscussion = (row: InspectionCostDiscussionEntity): InspectionCostDiscussion => ({
  id: row.id,
  discussedOn: row.discussedOn,
  participants: row.participants,
  agreedOutcome: row.agreedOutcome,
  recordedAt: row.recordedAt,
});

export const toInspectionCost = (row: InspectionCostEntity): InspectionCost => ({
  id: row.id,
  discussionId: row.discussionId,
  description: row.description,
  amountJpy: row.amountJpy,
  chargedAt: row.chargedAt,
});
