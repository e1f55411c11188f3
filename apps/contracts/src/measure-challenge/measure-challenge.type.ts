import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@azukari/service-kit';
import type { SafetyMeasureChallengeEntity, SafetyMeasureChallengeMessageEntity } from './measure-challenge.entity';

export enum SafetyMeasureChallengeStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(SafetyMeasureChallengeStatus, { name: 'SafetyMeasureChallengeStatus' });

export enum SafetyMeasureChallengeOutcome {
  MEASURES_ADDED = 'MEASURES_ADDED',
  MEASURES_CHANGED = 'MEASURES_CHANGED',
  MAINTAINED_AS_SUFFICIENT = 'MAINTAINED_AS_SUFFICIENT',
  FEES_ADJUSTED = 'FEES_ADJUSTED',
}
registerEnumType(SafetyMeasureChallengeOutcome, {
  name: 'SafetyMeasureChallengeOutcome',
  description: 'What the discussion under Art 5.3 settled.',
  valuesConfig: {
    MEASURES_ADDED: { description: 'Measures were added.' },
    MEASURES_CHANGED: { description: 'Measures were changed.' },
    MAINTAINED_AS_SUFFICIENT: { description: 'The measures were kept as sufficient for the content and scale of the service.' },
    FEES_ADJUSTED: { description: 'The fees of the service were adjusted for further measures.' },
  },
});

export enum ChallengeSide {
  CLIENT = 'CLIENT',
  OPERATOR = 'OPERATOR',
}
registerEnumType(ChallengeSide, { name: 'ChallengeSide' });

export enum ChallengeVia {
  API = 'API',
  EMAIL_LINK = 'EMAIL_LINK',
}
registerEnumType(ChallengeVia, {
  name: 'ChallengeVia',
  description: "How the client's side reached us: its token, or a report email's signed link.",
});

@ObjectType({ description: 'One message of a challenge of the safety measures, from either side.' })
export class SafetyMeasureChallengeMessage {
  @Field(() => ID)
  id!: string;

  @Field(() => ChallengeSide)
  side!: ChallengeSide;

  @Field(() => ChallengeVia)
  via!: ChallengeVia;

  @Field(() => ID, { nullable: true, description: 'The token it was written with; null through an email link.' })
  authorTokenId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The staff member who wrote it.' })
  authorEmployeeId!: string | null;

  @Field(() => String, { nullable: true, description: "The client's report address whose signed link it came through." })
  authorAddress!: string | null;

  @Field()
  body!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType({
  description:
    "A client's challenge of the safety measures as insufficient (Art 5.3), the discussion, the content, scale and fees of the service it weighs, and its outcome.",
})
export class SafetyMeasureChallenge {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  clientId!: string;

  @Field(() => ID, { nullable: true, description: 'The measure challenged; null: the measures as a whole.' })
  measureId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The change report (Art 5.2) it answers.' })
  reportId!: string | null;

  @Field(() => [ID], { description: "The client's contracts it concerns." })
  contractIds!: string[];

  @Field(() => SafetyMeasureChallengeStatus)
  status!: SafetyMeasureChallengeStatus;

  @Field(() => ChallengeVia)
  openedVia!: ChallengeVia;

  @Field(() => String, { nullable: true, description: 'The content of the service, as noted for the discussion (Art 5.3).' })
  serviceContent!: string | null;

  @Field(() => String, { nullable: true, description: 'The scale of the service, as noted for the discussion (Art 5.3).' })
  serviceScale!: string | null;

  @Field(() => String, { nullable: true, description: 'The fees of the service, as noted for the discussion (Art 5.3).' })
  serviceFees!: string | null;

  @Field(() => SafetyMeasureChallengeOutcome, { nullable: true })
  outcome!: SafetyMeasureChallengeOutcome | null;

  @Field(() => String, { nullable: true })
  outcomeText!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  closedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The staff member who closed it.' })
  closedByEmployeeId!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export const toChallenge = (row: SafetyMeasureChallengeEntity): SafetyMeasureChallenge => ({
  id: row.id,
  clientId: row.clientId,
  measureId: row.measureId,
  reportId: row.reportId,
  contractIds: row.contractIds,
  status: row.status as SafetyMeasureChallengeStatus,
  openedVia: row.openedVia as ChallengeVia,
  serviceContent: row.serviceContent,
  serviceScale: row.serviceScale,
  serviceFees: row.serviceFees,
  outcome: row.outcome as SafetyMeasureChallengeOutcome | null,
  outcomeText: row.outcomeText,
  closedAt: row.closedAt,
  closedByEmployeeId: row.closedByEmployeeId,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export const toChallengeMessage = (row: SafetyMeasureChallengeMessageEntity): SafetyMeasureChallengeMessage => ({
  id: row.id,
  side: row.side as ChallengeSide,
  via: row.via as ChallengeVia,
  authorTokenId: row.authorTokenId,
  authorEmployeeId: row.authorEmployeeId,
  authorAddress: row.authorAddress,
  body: row.body,
  createdAt: row.createdAt,
});
