import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@azukari/service-kit';
import { ReportAnswer } from '../report-answer/report-answer.type';
import type { ClientReportEntity } from './client-report.entity';
import type { ReportAnswerKind } from './report-answer';
import type { ClientReportAttemptEntity } from './client-report-attempt.entity';
import type { ClientReportDeliveryEntity } from './client-report-delivery.entity';

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  valuesConfig: {
    DELIVERED: { description: 'At least one channel delivered it.' },
    FAILED: { description: 'Every channel failed: set aside, redeliverable with redeliverClientReport.' },
  },
});

export enum DeliveryChannel {
  EMAIL = 'EMAIL',
  WEBHOOK = 'WEBHOOK',
}
registerEnumType(DeliveryChannel, { name: 'DeliveryChannel' });

export enum ChannelDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
  REDELIVERED = 'REDELIVERED',
}
registerEnumType(ChannelDeliveryStatus, {
  name: 'ChannelDeliveryStatus',
  valuesConfig: {
    FAILED: { description: 'Its tries are spent or the endpoint refused it for good: set aside, redeliverable.' },
    REDELIVERED: { description: 'Failed, then sent again by a later delivery (redeliveryOf).' },
  },
});

export enum AttemptOutcome {
  DELIVERED = 'DELIVERED',
  RETRYING = 'RETRYING',
  FAILED = 'FAILED',
  GONE = 'GONE',
}
registerEnumType(AttemptOutcome, {
  name: 'AttemptOutcome',
  valuesConfig: { GONE: { description: 'The endpoint answered 410 Gone: it was disabled and the client told by email.' } },
});

@ObjectType({ description: 'One try of a delivery and what came of it.' })
export class ClientReportAttempt {
  @Field(() => Int)
  attempt!: number;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => AttemptOutcome)
  outcome!: AttemptOutcome;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => Int, { nullable: true, description: "The endpoint's HTTP status, or the SMTP server's reply code." })
  responseStatus!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  nextAttemptAt!: Date | null;
}

@ObjectType({ description: "A report's delivery through one channel: the report address, or one webhook endpoint." })
export class ClientReportDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  reportId!: string;

  @Field(() => ID)
  clientId!: string;

  @Field(() => DeliveryChannel)
  channel!: DeliveryChannel;

  @Field(() => ID, { nullable: true })
  endpointId!: string | null;

  @Field({ description: 'Where it went: the report address or the endpoint URL, as they were.' })
  target!: string;

  @Field(() => ChannelDeliveryStatus)
  status!: ChannelDeliveryStatus;

  @Field(() => Int, { description: 'Tries over all its deliveries.' })
  attempts!: number;

  @Field(() => Int, { nullable: true })
  lastResponseStatus!: number | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  nextAttemptAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  failedAt!: Date | null;

  @Field(() => ID, { nullable: true })
  redeliveryOf!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType({ description: 'The evidence of one report to a client: what, when, how, and whether it arrived.' })
export class ClientReport {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  clientId!: string;

  @Field({ description: 'What happened, e.g. incident.reported.' })
  kind!: string;

  @Field({ description: 'The article whose duty the report discharges, e.g. Art 7.1.' })
  article!: string;

  @Field({ description: 'The type of what is reported, e.g. Incident.' })
  subjectType!: string;

  @Field(() => ID, { description: 'The id of what is reported.' })
  subjectId!: string;

  @Field(() => [ID], { description: "The client's contracts the report concerns." })
  contractIds!: string[];

  @Field(() => DateTimeScalar, { description: 'When the regulation wants the report delivered by.' })
  dueAt!: Date;

  @Field({
    description: 'Whether it was delivered after it was due, or is still undelivered past it: what an inspection asks first.',
  })
  overdue!: boolean;

  @Field(() => DeliveryStatus)
  deliveryStatus!: DeliveryStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int, { nullable: true })
  lastResponseStatus!: number | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the first channel delivered it: when the client was told.' })
  deliveredAt!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was escalated to staff as still undelivered past its due time; null while it was not.',
  })
  escalatedAt!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the client first acknowledged it (or gave an answer its kind offers).',
  })
  acknowledgedAt!: Date | null;

  @Field({ description: "Whether its kind asks for the client's answer beyond an acknowledgement (a consent, a refusal, a challenge...)." })
  asksAnswer!: boolean;

  @Field({ description: 'Whether that answer is still awaited: asked for, and not yet given.' })
  answerAwaited!: boolean;

  @Field(() => ReportAnswer, { nullable: true, description: 'The answer the client gave among those its kind offers (e.g. CONSENT).' })
  answer!: ReportAnswerKind | null;

  @Field(() => DateTimeScalar, { nullable: true })
  answeredAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

/** Overdue: delivered after its due time, or not delivered and past it at `now`. */
export const isOverdue = (row: Pick<ClientReportEntity, 'dueAt' | 'deliveredAt'>, now: Date): boolean =>
  row.deliveredAt ? row.deliveredAt.getTime() > row.dueAt.getTime() : now.getTime() > row.dueAt.getTime();

export const toClientReport = (row: ClientReportEntity, now: Date): ClientReport => ({
  id: row.id,
  clientId: row.clientId,
  kind: row.kind,
  article: row.article,
  subjectType: row.subjectType,
  subjectId: row.subjectId,
  contractIds: JSON.parse(row.contractIds) as string[],
  dueAt: row.dueAt,
  overdue: isOverdue(row, now),
  deliveryStatus: row.deliveryStatus as DeliveryStatus,
  attempts: row.attempts,
  lastResponseStatus: row.lastResponseStatus,
  lastError: row.lastError,
  deliveredAt: row.deliveredAt,
  escalatedAt: row.escalatedAt,
  acknowledgedAt: row.acknowledgedAt,
  asksAnswer: row.asksAnswer,
  answerAwaited: row.asksAnswer && row.answeredAt === null,
  answer: row.answer as ReportAnswerKind | null,
  answeredAt: row.answeredAt,
  createdAt: row.createdAt,
});

export const toClientReportDelivery = (row: ClientReportDeliveryEntity): ClientReportDelivery => ({
  id: row.id,
  reportId: row.reportId,
  clientId: row.clientId,
  channel: row.channel as DeliveryChannel,
  endpointId: row.endpointId,
  target: row.target,
  status: row.status as ChannelDeliveryStatus,
  attempts: row.attempts,
  lastResponseStatus: row.lastResponseStatus,
  lastError: row.lastError,
  nextAttemptAt: row.nextAttemptAt,
  deliveredAt: row.deliveredAt,
  failedAt: row.failedAt,
  redeliveryOf: row.redeliveryOf,
  createdAt: row.createdAt,
});

export const toClientReportAttempt = (row: ClientReportAttemptEntity): ClientReportAttempt => ({
  attempt: row.attempt,
  at: row.at,
  outcome: row.outcome as AttemptOutcome,
  durationMs: row.durationMs,
  responseStatus: row.responseStatus,
  error: row.error,
  nextAttemptAt: row.nextAttemptAt,
});
