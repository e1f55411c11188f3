/**
 * What a caller may say about its request besides the operation, checked at the gateway before
 * anything runs and forwarded to the subgraphs: the purpose of the access (recorded in every
 * audit entry the request causes) and, for a mutation, an Idempotency-Key with the fingerprint of
 * the whole request, so the owning subgraph can tell a retry from a different request.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { stripIgnoredCharacters } from 'graphql';
import {
  DomainError,
  ErrorCode,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  PURPOSE_HEADER,
  PURPOSE_MAX_LENGTH,
  purposeFrom,
} from '@azukari/common';

export interface Idempotency {
  key: string;
  /** SHA-256 of the operation (whitespace and comments aside), its name and its variables (RFC 8785). */
  fingerprint: string;
}

type Headers = Record<string, string | string[] | undefined>;

const single = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  if (Array.isArray(value)) throw new DomainError(ErrorCode.BAD_USER_INPUT, `Send the ${name} header once.`);
  return value;
};

export const purposeOfRequest = (headers: Headers): string | null => {
  const raw = single(headers, PURPOSE_HEADER);
  if (raw === undefined) return null;
  const purpose = purposeFrom(raw);
  if (!purpose || purpose.length > PURPOSE_MAX_LENGTH) {
    throw new DomainError(
      ErrorCode.BAD_USER_INPUT,
      `The Azukari-Purpose header must hold 1 to ${PURPOSE_MAX_LENGTH} characters (percent-encoded UTF-8 for anything but ASCII).`,
    );
  }
  return purpose;
};

const normalised = (query: string): string => {
  try {
    return stripIgnoredCharacters(query);
  } catch {
    return query; // not GraphQL: validation refuses it anyway
  }
};

export const idempotencyOfRequest = (headers: Headers, body: unknown): Idempotency | null => {
  const key = single(headers, IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) return null;
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new DomainError(
      ErrorCode.BAD_USER_INPUT,
      'The Idempotency-Key header must be 1 to 255 printable ASCII characters without spaces; a new UUID per request is usual.',
    );
  }
  const request = (typeof body === 'object' && body !== null ? body : {}) as {
    query?: unknown;
    operationName?: unknown;
    variables?: unknown;
    extensions?: { persistedQuery?: { sha256Hash?: unknown } };
  };
  const persisted = request.extensions?.persistedQuery?.sha256Hash;
  const canonical = canonicalize({
    query: typeof request.query === 'string' ? normalised(request.query) : null,
    // A persisted query may come by its hash alone: the hash then stands for the operation.
    persistedQuery: typeof persisted === 'string' ? persisted : null,
    operationName: typeof request.operationName === 'string' ? request.operationName : null,
    variables: request.variables ?? null,
  });
  return {
    key,
    fingerprint: createHash('sha256')
      .update(canonical ?? '')
      .digest('hex'),
  };
};
