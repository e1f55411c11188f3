/** Clients: the companies that entrust personal information (the regulations' "User"); the tenant. */
import { defineFeature, type Feature } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { ClientEntity } from './client.entity';
import { clientReferences } from './client.reference';
import { clientLoaders, type ClientLoaders } from './client.loaders';
import { ClientResolver } from './client.resolver';

export const clientFeature: Feature<ContractsDeps, ClientLoaders> = defineFeature({
  name: 'client',
  entities: [ClientEntity],
  resolvers: [ClientResolver],
  references: clientReferences,
  loaders: clientLoaders,
});
