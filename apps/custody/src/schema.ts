import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, PageInfo } from '@azukari/service-kit';
import { DataAssetResolver } from './data-asset/data-asset.resolver';
import { dataAssetReferences } from './data-asset/data-asset.reference';
import { ContractAssetsResolver, DataAssetContractResolver } from './federated/contract';

export const buildCustodySchema = async (): Promise<GraphQLSchema> =>
  await buildFederatedSchema({
    resolvers: [DataAssetResolver, DataAssetContractResolver, ContractAssetsResolver],
    orphanedTypes: [PageInfo],
    references: dataAssetReferences,
  });
