import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@azukari/service-kit';
import type { ReportChannelChoiceEntity } from './report-channel.entity';

@ObjectType({ description: 'How a client wants one kind of report delivered; kind `*`: every kind not named.' })
export class ReportChannelChoice {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  clientId!: string;

  @Field()
  kind!: string;

  @Field({ description: 'By email, to the recipients, or the report address.' })
  email!: boolean;

  @Field(() => [String], { nullable: true, description: "The email recipients, each its own email; null: the client's report address." })
  recipients!: string[] | null;

  @Field({ description: 'By every enabled webhook endpoint that receives this kind.' })
  webhook!: boolean;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export const toReportChannelChoice = (row: ReportChannelChoiceEntity): ReportChannelChoice => ({
  id: row.id,
  clientId: row.clientId,
  kind: row.kind,
  email: row.email,
  recipients: row.recipients === null ? null : (JSON.parse(row.recipients) as string[]),
  webhook: row.webhook,
  updatedAt: row.updatedAt,
});
