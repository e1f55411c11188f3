/** Webhook endpoints: where each client's reports are delivered, signed, with rotatable secrets. */
import { defineFeature } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { WebhookEndpointResolver } from './webhook-endpoint.resolver';

export const webhookEndpointFeature = defineFeature<ContractsDeps>({
  name: 'webhook-endpoint',
  entities: [WebhookEndpointEntity],
  resolvers: [WebhookEndpointResolver],
});
