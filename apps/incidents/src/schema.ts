import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, PageInfo } from '@azukari/service-kit';
import { ContractIncidentsResolver } from './contract/contract.resolver';
import { contractReferences } from './contract/contract.reference';
import { IncidentResolver } from './incident/incident.resolver';
import { incidentReferences } from './incident/incident.reference';

export const buildIncidentsSchema = async (): Promise<GraphQLSchema> =>
  await buildFederatedSchema({
    resolvers: [IncidentResolver, ContractIncidentsResolver],
    orphanedTypes: [PageInfo],
    references: { ...incidentReferences, ...contractReferences },
  });
