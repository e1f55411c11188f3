/**
 * An entity fetch asks its subgraph once per distinct entity. @apollo/gateway sends one
 * representation per occurrence of an entity in the response so far: 100 assets of one contract
 * ask the contracts subgraph for the same contract 100 times, and it resolves, checks, audits and
 * serialises each (Apollo Router dedupes the same way). Here the subgraph gets each distinct
 * representation once; its answer is spread back over the occurrences, each its own copy (the
 * executor merges later fetches into every entity it holds), and an error about one distinct
 * entity is reported at every occurrence, as it would have been had each been asked for.
 */
import type { GraphQLFormattedError } from 'graphql';

export interface DistinctRepresentations {
  distinct: unknown[];
  /** For each representation sent by the executor, the index of its distinct one. */
  occurrences: number[];
}

/** The distinct representations and where each occurrence points, or null when all are distinct already. */
export const distinctRepresentations = (representations: readonly unknown[]): DistinctRepresentations | null => {
  const indexOf = new Map<string, number>();
  const distinct: unknown[] = [];
  const occurrences: number[] = [];
  for (const representation of representations) {
    const key = keyOf(representation);
    let index = indexOf.get(key);
    if (index === undefined) {
      index = distinct.length;
      indexOf.set(key, index);
      distinct.push(representation);
    }
    occurrences.push(index);
  }
  return distinct.length < representations.length ? { distinct, occurrences } : null;
};

/**
 * Equal representations have equal keys. Most are a type and an id, keyed without serialising;
 * any other is serialised: the executor builds every representation of one fetch from the same
 * selection, so equal entities serialise alike (two spellings of one would only cost a duplicate).
 */
const keyOf = (representation: unknown): string => {
  const { __typename, id, ...rest } = representation as { __typename?: unknown; id?: unknown };
  if (typeof __typename === 'string' && typeof id === 'string' && Object.keys(rest).length === 0) return `${__typename}\u0000${id}`;
  return `\u0001${JSON.stringify(representation)}`;
};

interface EntitiesResponse {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

/** The subgraph's answer for the distinct representations, as the executor expects it for all occurrences. */
export const spreadOverOccurrences = <R extends EntitiesResponse>(response: R, { distinct, occurrences }: DistinctRepresentations): R => {
  const entities = response.data?._entities;
  // An answer of another shape is left for the executor to refuse, as it would refuse it unspread.
  const data =
    Array.isArray(entities) && entities.length === distinct.length
      ? { ...response.data, _entities: spreadEntities(entities, occurrences) }
      : response.data;
  const errors = response.errors?.flatMap((error) => spreadError(error, occurrences));
  return { ...response, data, ...(errors ? { errors } : {}) };
};

const spreadEntities = (entities: readonly unknown[], occurrences: readonly number[]): unknown[] => {
  const handedOut = new Set<number>();
  // Each entity is serialised once, however many copies it is spread over (it came as JSON).
  const serialised = new Map<number, string>();
  return occurrences.map((index) => {
    const entity = entities[index];
    if (!handedOut.has(index)) {
      handedOut.add(index);
      return entity;
    }
    if (entity === null || typeof entity !== 'object') return entity;
    let text = serialised.get(index);
    if (text === undefined) serialised.set(index, (text = JSON.stringify(entity)));
    return JSON.parse(text) as unknown;
  });
};

const spreadError = (error: GraphQLFormattedError, occurrences: readonly number[]): GraphQLFormattedError[] => {
  const [root, index, ...rest] = error.path ?? [];
  if (root !== '_entities' || typeof index !== 'number') return [error];
  return occurrences.flatMap((distinctIndex, occurrence) =>
    distinctIndex === index ? [{ ...error, path: ['_entities', occurrence, ...rest] }] : [],
  );
};
