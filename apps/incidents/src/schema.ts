import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, PageInfo } from '@azukari/service-kit';
import { IncidentResolver } from './incident/incident.resolver';
import { incidentReferences } from './incident/incident.reference';
import { ContractIncidentsResolver, contractReferences } from './federated/contract';

export const buildIncidentsSchema = async (): Promise<GraphQLSchema> =>
  await buildFederatedSchema({
    resolvers: [IncidentResolver, ContractIncidentsResolver],
    orphanedTypes: [PageInfo],
    references: { ...incidentReferences, ...contractReferences },
  });
