/** Incidents (Art 5.1, 7.1): leakage, loss or damage, actual or suspected, and the contracts they touch. */
import { defineFeature, type Feature } from '@azukari/service-kit';
import type { IncidentsDeps } from '../deps';
import { ContractIncidentsResolver, contractReferences } from '../federated/contract';
import { IncidentContractEntity } from './incident-contract.entity';
import { IncidentEntity } from './incident.entity';
import { incidentLoaders, type IncidentLoaders } from './incident.loaders';
import { incidentReferences } from './incident.reference';
import { IncidentResolver } from './incident.resolver';

export const incidentFeature: Feature<IncidentsDeps, IncidentLoaders> = defineFeature({
  name: 'incident',
  entities: [IncidentEntity, IncidentContractEntity],
  resolvers: [IncidentResolver, ContractIncidentsResolver],
  references: { ...incidentReferences, ...contractReferences },
  loaders: incidentLoaders,
});
