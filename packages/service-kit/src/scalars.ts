/**
 * Scalars shared by every subgraph, so the supergraph composes one definition of each.
 *
 * A value a scalar refuses is the caller's mistake wherever it was written, so every refusal
 * carries BAD_USER_INPUT. A refused variable already comes back so; a refused literal in the
 * query text is reported by GraphQL's validation (ValuesOfCorrectTypeRule, GRAPHQL_VALIDATION_FAILED
 * at Apollo Server), where the error formatter finds this code on its cause.
 */
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { DateTimeResolver, EmailAddressResolver, LocalDateResolver, URLResolver } from 'graphql-scalars';
import { ErrorCode } from '@azukari/common';

const asBadInput =
  <A extends unknown[], R>(parse: (...args: A) => R) =>
  (...args: A): R => {
    try {
      return parse(...args);
    } catch (error) {
      throw new GraphQLError(error instanceof Error ? error.message : String(error), {
        nodes: error instanceof GraphQLError ? error.nodes : undefined,
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      });
    }
  };

const refusingAsBadInput = (scalar: GraphQLScalarType): GraphQLScalarType => {
  const config = scalar.toConfig();
  return new GraphQLScalarType({ ...config, parseValue: asBadInput(config.parseValue), parseLiteral: asBadInput(config.parseLiteral) });
};

export const DateTimeScalar = refusingAsBadInput(DateTimeResolver);
export const LocalDateScalar = refusingAsBadInput(LocalDateResolver);
export const EmailScalar = refusingAsBadInput(EmailAddressResolver);
export const UrlScalar = refusingAsBadInput(URLResolver);
