import type { GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@azukari/service-kit';
import { CUSTODY_FEATURES } from './features';

export const buildCustodySchema = async (): Promise<GraphQLSchema> => await buildSubgraphSchema(CUSTODY_FEATURES);
