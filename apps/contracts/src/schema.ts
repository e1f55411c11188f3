import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, PageInfo } from '@azukari/service-kit';
import { ApiTokenResolver } from './api-token/api-token.resolver';
import { ClientResolver } from './client/client.resolver';
import { ClientReportResolver } from './client-report/client-report.resolver';
import { ContractResolver } from './contract/contract.resolver';
import { contractReferences } from './contract/contract.reference';
import { ViewerResolver } from './viewer/viewer.resolver';

export const buildContractsSchema = async (): Promise<GraphQLSchema> =>
  await buildFederatedSchema({
    resolvers: [ClientResolver, ContractResolver, ApiTokenResolver, ClientReportResolver, ViewerResolver],
    orphanedTypes: [PageInfo],
    references: contractReferences,
  });
