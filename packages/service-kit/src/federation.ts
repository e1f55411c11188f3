/**
 * Builds a federation-2 subgraph schema from type-graphql resolvers: the recipe of type-graphql's
 * apollo-federation-2 example (build with skipCheck, print with directives, buildSubgraphSchema
 * with the resolvers map merged with the __resolveReference resolvers).
 */
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { authChecker, assertEveryRootFieldGuarded } from './guards';

export type ReferenceResolvers = Record<string, { __resolveReference: (ref: never, ctx: never) => unknown }>;

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<Function>;

  orphanedTypes?: Function[];
  references?: ReferenceResolvers;
}

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

export const buildFederatedSchema = async (options: FederatedSchemaOptions): Promise<GraphQLSchema> => {
  assertEveryRootFieldGuarded(options.resolvers);
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    skipCheck: true,
    authChecker,
    authMode: 'error',
    // Off by default in type-graphql 2: without it class-validator rules do nothing.
    validate: { forbidUnknownValues: true, whitelist: true, forbidNonWhitelisted: true },
  });
  // A reference resolver for a type the schema does not have (a typo, a type moved away) would
  // never run and never complain: refuse it at start instead.
  const strays = Object.keys(options.references ?? {}).filter((type) => !schema.getType(type));
  if (strays.length > 0) throw new Error(`reference resolvers for types not in this subgraph's schema: ${strays.join(', ')}`);
  const map = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [type, resolver] of Object.entries(options.references ?? {})) map[type] = { ...map[type], ...resolver };
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers: map as never,
  });
};

export const printFederatedSchema = (schema: GraphQLSchema): string => printSubgraphSchema(schema);
