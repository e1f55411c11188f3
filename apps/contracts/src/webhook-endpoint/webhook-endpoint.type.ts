import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@azukari/service-kit';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity';

@ObjectType({ description: "Where a client's reports are delivered, signed as Standard Webhooks specifies." })
export class WebhookEndpoint {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  clientId!: string;

  @Field()
  url!: string;

  @Field(() => [String], { nullable: true, description: 'The kinds of report it receives (e.g. incident.reported); null: every kind.' })
  kinds!: string[] | null;

  @Field()
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the system disabled it, e.g. it answered 410 Gone.' })
  disabledReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  disabledAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When the current signing secret was made.' })
  secretCreatedAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Until when the previous secret still signs beside the current one (both are in `webhook-signature`).',
  })
  previousSecretExpiresAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType({ description: 'An endpoint with its signing secret, shown this once.' })
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;

  @Field({ description: 'The Standard Webhooks signing secret (whsec_...), shown this once.' })
  secret!: string;
}

export const kindsOf = (row: Pick<WebhookEndpointEntity, 'kinds'>): string[] | null =>
  row.kinds === null ? null : (JSON.parse(row.kinds) as string[]);

export const toWebhookEndpoint = (row: WebhookEndpointEntity, now: Date): WebhookEndpoint => ({
  id: row.id,
  clientId: row.clientId,
  url: row.url,
  kinds: kindsOf(row),
  enabled: row.enabled,
  disabledReason: row.disabledReason,
  disabledAt: row.disabledAt,
  secretCreatedAt: row.secretCreatedAt,
  previousSecretExpiresAt: row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt : null,
  createdAt: row.createdAt,
});
