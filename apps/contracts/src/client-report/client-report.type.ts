import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@azukari/service-kit';
import type { ClientReportEntity } from './client-report.entity';

export enum ReportChannel {
  WEBHOOK = 'WEBHOOK',
  NONE = 'NONE',
}
registerEnumType(ReportChannel, { name: 'ReportChannel' });

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
  NO_CHANNEL = 'NO_CHANNEL',
}
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  valuesConfig: { NO_CHANNEL: { description: 'The client has no delivery channel configured.' } },
});

@ObjectType({ description: 'The evidence of one report to a client: what, when, how, and whether it arrived.' })
export class ClientReport {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  clientId!: string;

  @Field({ description: 'The event reported, e.g. incident.reported.' })
  kind!: string;

  @Field({ description: 'The article that requires the report, e.g. Art 7.1.' })
  article!: string;

  @Field(() => ID, { description: 'The id of what is reported (an incident...).' })
  subjectId!: string;

  @Field(() => ReportChannel)
  channel!: ReportChannel;

  @Field(() => DeliveryStatus)
  deliveryStatus!: DeliveryStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int, { nullable: true })
  lastResponseStatus!: number | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export const toClientReport = (row: ClientReportEntity): ClientReport => ({
  id: row.id,
  clientId: row.clientId,
  kind: row.kind,
  article: row.article,
  subjectId: row.subjectId,
  channel: row.channel as ReportChannel,
  deliveryStatus: row.deliveryStatus as DeliveryStatus,
  attempts: row.attempts,
  lastResponseStatus: row.lastResponseStatus,
  lastError: row.lastError,
  deliveredAt: row.deliveredAt,
  createdAt: row.createdAt,
});
