import type { GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@azukari/service-kit';
import { PERSONNEL_FEATURES } from './features';

export const buildPersonnelSchema = async (): Promise<GraphQLSchema> => await buildSubgraphSchema(PERSONNEL_FEATURES);
