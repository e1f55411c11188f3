import type { GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@azukari/service-kit';
import { CONTRACTS_FEATURES } from './features';

export const buildContractsSchema = async (): Promise<GraphQLSchema> => await buildSubgraphSchema(CONTRACTS_FEATURES);
