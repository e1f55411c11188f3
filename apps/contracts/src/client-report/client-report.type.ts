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
  channel: row.channel as ReportChannel,
  deliveryStatus: row.deliveryStatus as DeliveryStatus,
  attempts: row.attempts,
  lastResponseStatus: row.lastResponseStatus,
  lastError: row.lastError,
  deliveredAt: row.deliveredAt,
  createdAt: row.createdAt,
});
