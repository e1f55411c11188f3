/**
 * What a subgraph fetch answers when it fails, so that the caller learns what the subgraph said,
 * or which fields are missing and why.
 *
 * @apollo/gateway's RemoteGraphQLDataSource throws on any non-2xx answer (`errorFromResponse`
 * keeps a code for 401 and 403 only and buries the subgraph's body in `extensions.response`), and
 * lets a refused connection's FetchError (which names the subgraph's URL) through as it is. The
 * executor (`executeQueryPlan`, Fetch node) records a thrown error as it is, with no path, and the
 * gateway's formatter can only mask it. Errors *returned* as the fetch's `errors` instead go
 * through the executor's `downstreamServiceError`, which keeps each code and turns the path
 * relative to the fetch (`[field]` at the root, `['_entities', i, field]` for an entity) into the
 * path in the caller's response.
 */
import { GraphQLError, Kind, parse, type DocumentNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';
import { ErrorCode } from '@azukari/common';

/** The GraphQL errors a subgraph sent in the body of a non-2xx answer (a 400 for a bad value), if any. */
export const errorsInRefusal = (error: unknown): GraphQLFormattedError[] | null => {
  if (!(error instanceof GraphQLError)) return null;
  const response = error.extensions.response as { body?: unknown } | undefined;
  const body = response?.body;
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return null;
  const errors = (body.errors as unknown[]).filter(
    (e): e is GraphQLFormattedError => typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string',
  );
  return errors.length > 0 ? errors : null;
};

/**
 * One SERVICE_UNAVAILABLE error per field the failed fetch was to fill in, each with that field's
 * path: for an entity fetch per representation (each entity of the response), for a root fetch per
 * root field. The message names the subgraph but never its URL.
 */
export const unavailableErrors = (
  subgraph: string,
  query: string,
  representations: readonly unknown[] | undefined,
): GraphQLFormattedError[] => {
  const message = `The ${subgraph} service did not answer. Try again shortly.`;
  const extensions = { code: ErrorCode.SERVICE_UNAVAILABLE };
  const document = parse(query);
  const root = rootSelection(document);
  if (!root) return [{ message, extensions }];
  const entities = root.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
  if (!representations || entities?.kind !== Kind.FIELD || !entities.selectionSet) {
    return responseKeys(document, root, null).map((key) => ({ message, path: [key], extensions }));
  }
  const entitySelection = entities.selectionSet;
  return representations.flatMap((representation, index) => {
    const keys = responseKeys(document, entitySelection, typenameOf(representation));
    return keys.length > 0
      ? keys.map((key) => ({ message, path: ['_entities', index, key], extensions }))
      : [{ message, path: ['_entities', index], extensions }];
  });
};

const rootSelection = (document: DocumentNode): SelectionSetNode | undefined => {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet : undefined;
};

const typenameOf = (representation: unknown): string | null => {
  const typename =
    typeof representation === 'object' && representation !== null ? (representation as { __typename?: unknown }).__typename : null;
  return typeof typename === 'string' ? typename : null;
};

/** The response keys a selection set asks for on an object of `typename`, through inline and named fragments. */
const responseKeys = (document: DocumentNode, selectionSet: SelectionSetNode, typename: string | null): string[] => {
  const keys = new Set<string>();
  const visit = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        // __typename is the gateway's own bookkeeping, no field a caller asked for.
        if (!selection.name.value.startsWith('__')) keys.add(selection.alias?.value ?? selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value, typename)) visit(selection.selectionSet);
      } else {
        const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
        if (fragment?.kind === Kind.FRAGMENT_DEFINITION && applies(fragment.typeCondition.name.value, typename))
          visit(fragment.selectionSet);
      }
    }
  };
  visit(selectionSet);
  return [...keys];
};

const applies = (condition: string | undefined, typename: string | null): boolean =>
  condition === undefined || typename === null || condition === typename;
