import type { GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@azukari/service-kit';
import { INCIDENTS_FEATURES } from './features';

export const buildIncidentsSchema = async (): Promise<GraphQLSchema> => await buildSubgraphSchema(INCIDENTS_FEATURES);
