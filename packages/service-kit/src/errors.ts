/**
 * Error masking, in one place for every subgraph: a DomainError keeps its code and message;
 * type-graphql's validation and authorization errors get our codes; a value a scalar refused is
 * BAD_USER_INPUT; GraphQL's own parse and validation errors pass through; anything else is logged
 * and reaches the caller as INTERNAL_SERVER_ERROR without its message, stack or SQL.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { ErrorCode, isDomainError, type Logger } from '@azukari/common';

const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

const flatten = (errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] =>
  errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });

/**
 * A literal in the query text that a scalar refused reaches us as a validation failure whose cause
 * is the scalar's own error, which says whose mistake it was (scalars.ts).
 */
const refusedByScalar = (error: unknown): boolean =>
  error instanceof GraphQLError &&
  error.extensions.code === 'GRAPHQL_VALIDATION_FAILED' &&
  error.originalError instanceof GraphQLError &&
  error.originalError.extensions.code === ErrorCode.BAD_USER_INPUT;

export const createErrorFormatter =
  (log: Logger) =>
  (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (isDomainError(original)) {
      return { ...base, message: original.message, extensions: { code: original.code, ...(original.details ?? {}) } };
    }
    if (original instanceof ArgumentValidationError) {
      const fields = flatten(original.extensions.validationErrors);
      return {
        ...base,
        message: `Invalid input: ${fields.map((f) => `${f.field} ${f.problems.join(', ')}`).join('; ')}`,
        extensions: { code: ErrorCode.BAD_USER_INPUT, fields },
      };
    }
    if (original instanceof AuthorizationError) {
      return {
        ...base,
        message: 'Your credentials do not allow this. Ask for a token with the needed role or scope.',
        extensions: { code: ErrorCode.FORBIDDEN },
      };
    }
    if (original instanceof AuthenticationError) {
      return { ...base, extensions: { code: ErrorCode.UNAUTHENTICATED } };
    }
    if (refusedByScalar(original)) return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PASS_THROUGH.has(code)) return { ...base, extensions: { code } };
    log.error({ err: original, path: formatted.path }, 'unexpected error');
    return {
      ...base,
      message: 'Internal error. It has been logged; retrying may help.',
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
