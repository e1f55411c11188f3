/**
 * An entity fetch asks its subgraph once per distinct entity, and the executor still gets one
 * answer, and every error, per occurrence: checked against a subgraph double on a real local
 * HTTP server that records what it was asked.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CredentialIssuer } from '@azukari/common';
import { testKeys } from '@azukari/testing';
import { SignedDataSource } from '../src/signed-data-source';
import { close, listen, operation, recordingLogger, urlOf } from './local-subgraph';

type Representation = { __typename: string; id: string };

const QUERY = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Contract { title } } }`;
const contract = (id: string): Representation => ({ __typename: 'Contract', id });

const bodyOf = async (req: IncomingMessage): Promise<{ variables: { representations: Representation[] } }> => {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return JSON.parse(text) as { variables: { representations: Representation[] } };
};

/** Answers each representation with its title; `refused` ids get null and an error at their title. */
const contractsDouble = (asked: Representation[][], { refused = [] as string[], status = 200 } = {}) =>
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { representations } = (await bodyOf(req)).variables;
    asked.push(representations);
    const errors = representations.flatMap((r, i) =>
      refused.includes(r.id) ? [{ message: `no ${r.id}`, path: ['_entities', i, 'title'], extensions: { code: 'FORBIDDEN' } }] : [],
    );
    const _entities = representations.map((r) => (refused.includes(r.id) ? null : { __typename: 'Contract', title: `title ${r.id}` }));
    res
      .writeHead(status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ data: { _entities }, ...(errors.length ? { errors } : {}) }));
  };

describe('an entity fetch', () => {
  let issuer: CredentialIssuer;
  beforeAll(async () => {
    issuer = new CredentialIssuer('gateway', (await testKeys()).privateKey('gateway'));
  });

  it('asks for each distinct entity once and answers every occurrence, each with its own copy', async () => {
    const asked: Representation[][] = [];
    const subgraph = await listen((req, res) => void contractsDouble(asked)(req, res));
    try {
      const source = new SignedDataSource('contracts', urlOf(subgraph), issuer, recordingLogger().log);
      const occurrences = ['a', 'a', 'b', 'a', 'c'].map(contract);
      const response = await source.process(operation(QUERY, { representations: occurrences }));

      expect(asked).toEqual([['a', 'b', 'c'].map(contract)]);
      const entities = response.data?._entities as { title: string }[];
      expect(entities.map((e) => e.title)).toEqual(['title a', 'title a', 'title b', 'title a', 'title c']);
      // The executor merges later fetches into each entity: a change to one occurrence stays there.
      entities[1]!.title = 'changed';
      expect([entities[0]!.title, entities[3]!.title]).toEqual(['title a', 'title a']);
      expect(response.errors).toBeUndefined();
    } finally {
      await close(subgraph);
    }
  });

  it('tells apart representations that differ beyond type and id, and keeps equal ones together', async () => {
    const asked: Representation[][] = [];
    const subgraph = await listen((req, res) => void contractsDouble(asked)(req, res));
    try {
      const source = new SignedDataSource('contracts', urlOf(subgraph), issuer, recordingLogger().log);
      const keyed = (id: string, region: string) => ({ ...contract(id), region });
      await source.process(operation(QUERY, { representations: [keyed('a', 'x'), keyed('a', 'y'), keyed('a', 'x'), contract('a')] }));
      expect(asked).toEqual([[keyed('a', 'x'), keyed('a', 'y'), contract('a')]]);
    } finally {
      await close(subgraph);
    }
  });

  it("reports an error about one distinct entity at each of that entity's occurrences", async () => {
    const asked: Representation[][] = [];
    const subgraph = await listen((req, res) => void contractsDouble(asked, { refused: ['b'] })(req, res));
    try {
      const source = new SignedDataSource('contracts', urlOf(subgraph), issuer, recordingLogger().log);
      const response = await source.process(operation(QUERY, { representations: ['a', 'b', 'a', 'b'].map(contract) }));

      expect(asked).toEqual([['a', 'b'].map(contract)]);
      expect(response.data?._entities).toEqual([
        { __typename: 'Contract', title: 'title a' },
        null,
        { __typename: 'Contract', title: 'title a' },
        null,
      ]);
      expect(response.errors).toEqual([
        { message: 'no b', path: ['_entities', 1, 'title'], extensions: { code: 'FORBIDDEN' } },
        { message: 'no b', path: ['_entities', 3, 'title'], extensions: { code: 'FORBIDDEN' } },
      ]);
    } finally {
      await close(subgraph);
    }
  });

  it("spreads a subgraph's refusal (a non-2xx answer with errors) over the occurrences too", async () => {
    const asked: Representation[][] = [];
    const subgraph = await listen((req, res) => void contractsDouble(asked, { refused: ['b'], status: 400 })(req, res));
    try {
      const source = new SignedDataSource('contracts', urlOf(subgraph), issuer, recordingLogger().log);
      const response = await source.process(operation(QUERY, { representations: ['b', 'a', 'b'].map(contract) }));

      expect(asked).toEqual([['b', 'a'].map(contract)]);
      expect(response.errors?.map((e) => e.path)).toEqual([
        ['_entities', 0, 'title'],
        ['_entities', 2, 'title'],
      ]);
    } finally {
      await close(subgraph);
    }
  });

  it('sends distinct representations as they are, and answers SERVICE_UNAVAILABLE per occurrence when the subgraph is gone', async () => {
    const asked: Representation[][] = [];
    const subgraph = await listen((req, res) => void contractsDouble(asked)(req, res));
    const source = new SignedDataSource('contracts', urlOf(subgraph), issuer, recordingLogger().log);
    const distinct = await source.process(operation(QUERY, { representations: ['a', 'b'].map(contract) }));
    expect(asked).toEqual([['a', 'b'].map(contract)]);
    expect(distinct.data?._entities).toHaveLength(2);

    await close(subgraph);
    const gone = await source.process(operation(QUERY, { representations: ['a', 'a', 'b'].map(contract) }));
    expect(gone.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 0, 'title'], 'SERVICE_UNAVAILABLE'],
      [['_entities', 1, 'title'], 'SERVICE_UNAVAILABLE'],
      [['_entities', 2, 'title'], 'SERVICE_UNAVAILABLE'],
    ]);
  });
});
