import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, PageInfo } from '@azukari/service-kit';
import { ContractAssetsResolver, DataAssetResolver } from './data-asset/data-asset.resolver';
import { dataAssetReferences } from './data-asset/data-asset.reference';

export const buildCustodySchema = async (): Promise<GraphQLSchema> =>
  await buildFederatedSchema({
    resolvers: [DataAssetResolver, ContractAssetsResolver],
    orphanedTypes: [PageInfo],
    references: dataAssetReferences,
  });
