/**
 * The gateway passes on the codes the subgraphs chose and masks anything without one: no stack,
 * no SQL, no internal message reaches a caller.
 */
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, isDomainError, type Logger } from '@azukari/common';

const KNOWN = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** Extensions, besides the code, that subgraphs give for callers. */
const CALLER_DETAILS = new Set(['fields', 'retryAfterSeconds']);

export const formatGatewayError =
  (log: Logger) =>
  (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (isDomainError(original)) {
      return { ...base, message: original.message, extensions: { code: original.code, ...(original.details ?? {}) } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && KNOWN.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      // Only what a caller may see: never a subgraph's URL or response (extensions.response).
      const details = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => CALLER_DETAILS.has(key)));
      // A refusal with a code is the answer to the caller's request (a bad value, a missing
      // right), not a fault of ours: an error-level line per bad request would bury real faults.
      log.debug({ code, message: formatted.message, path: formatted.path }, 'answered with a refusal');
      return { ...base, extensions: { ...details, code } };
    }
    log.error({ err: original, message: formatted.message, path: formatted.path }, 'unexpected error at the gateway');
    return {
      ...base,
      message: 'Internal error. It has been logged; retrying may help.',
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
