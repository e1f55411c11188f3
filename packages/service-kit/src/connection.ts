/**
 * Relay connections with opaque cursors. Ids are UUIDv7 and so sort by creation: a page is
 * `WHERE id > :after ORDER BY id LIMIT first + 1` (keyset pagination: stable under inserts, no
 * OFFSET scans). The cursor is the base64url of a versioned id, opaque to callers.
 */
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DomainError, ErrorCode, isUuid } from '@azukari/common';

@Directive('@shareable')
@ObjectType({ description: 'Where a page of a connection stands.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `At most ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string | null;
}

const CURSOR_VERSION = 'v1:';

export const encodeCursor = (id: string): string => Buffer.from(CURSOR_VERSION + id).toString('base64url');

export const decodeCursor = (cursor: string): string => {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.slice(CURSOR_VERSION.length);
  if (!text.startsWith(CURSOR_VERSION) || !isUuid(id)) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'The cursor is not one this API gave out. Pass a pageInfo.endCursor back unchanged.');
  }
  return id;
};

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** Turns `first + 1` rows (fetched after `after`) into a page. */
export const toPage = <R extends { id: string }, T>(rows: R[], args: PageArgs, map: (row: R) => T): Page<T> => {
  const hasNextPage = rows.length > args.first;
  const slice = hasNextPage ? rows.slice(0, args.first) : rows;
  const edges = slice.map((row) => ({ cursor: encodeCursor(row.id), node: map(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
};

/** The GraphQL types `<Name>Edge` and `<Name>Connection` for a node type. */
export const connectionOf = <T extends object>(name: string, node: ClassType<T>) => {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return Connection as ClassType<Page<T>>;
};
