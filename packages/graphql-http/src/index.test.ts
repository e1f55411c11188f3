/**
 * The GraphQL endpoint on Node's HTTP server, against a real Apollo server on a real port: it
 * answers /graphql, hands every other path on, refuses a malformed or oversized body with
 * BAD_REQUEST and a status, and lets `admit` refuse or wrap a request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AsyncLocalStorage } from 'node:async_hooks';
import { ApolloServer } from '@apollo/server';
import { serveGraphQL, writeJson, type GraphQLEndpointOptions } from './index';

interface Context {
  caller: string;
  within: string | null;
}

const around = new AsyncLocalStorage<string>();

const start = async (options: Partial<GraphQLEndpointOptions<Context>> = {}) => {
  const apollo = new ApolloServer<Context>({
    typeDefs: 'type Query { caller: String, within: String, echo(text: String!): String }',
    resolvers: {
      Query: {
        caller: (_: unknown, __: unknown, ctx: Context) => ctx.caller,
        within: (_: unknown, __: unknown, ctx: Context) => ctx.within,
        echo: (_: unknown, { text }: { text: string }) => text,
      },
    },
  });
  await apollo.start();
  const server: Server = createServer(
    serveGraphQL(
      apollo,
      {
        bodyLimit: '1kb',
        context: async (req) => ({ caller: String(req.headers['x-caller'] ?? 'nobody'), within: around.getStore() ?? null }),
        ...options,
      },
      (_req, res) => writeJson(res, 404, { elsewhere: true }),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (body: string, path = '/graphql', headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  return {
    post,
    base,
    close: async () => {
      await apollo.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

describe('serveGraphQL', () => {
  it('answers /graphql with the context it builds, and hands any other path on', async () => {
    const sut = await start();
    try {
      const answer = await sut.post(JSON.stringify({ query: '{ caller }' }), '/graphql', { 'x-caller': 'gateway' });
      expect(answer).toEqual({ status: 200, body: { data: { caller: 'gateway' } } });
      const get = await fetch(`${sut.base}/graphql?query=${encodeURIComponent('{ caller }')}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(await get.json()).toEqual({ data: { caller: 'nobody' } });
      expect(await sut.post('{}', '/health/live')).toEqual({ status: 404, body: { elsewhere: true } });
    } finally {
      await sut.close();
    }
  });

  it('refuses malformed JSON with 400 and a body over the limit with 413, both BAD_REQUEST', async () => {
    const sut = await start();
    try {
      expect(await sut.post('{"query": ')).toEqual({
        status: 400,
        body: { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] },
      });
      const big = await sut.post(JSON.stringify({ query: 'query ($t: String!) { echo(text: $t) }', variables: { t: 'x'.repeat(2_000) } }));
      expect(big.status).toBe(413);
      expect(big.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    } finally {
      await sut.close();
    }
  });

  it('lets admit refuse a request, or run it within what the request needs', async () => {
    const sut = await start({
      admit: async (req, res, execute) => {
        if (req.headers['x-caller'] !== 'gateway')
          return writeJson(res, 401, { errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] });
        await around.run('the access context', execute);
      },
    });
    try {
      expect((await sut.post(JSON.stringify({ query: '{ within }' }))).status).toBe(401);
      expect(await sut.post(JSON.stringify({ query: '{ within }' }), '/graphql', { 'x-caller': 'gateway' })).toEqual({
        status: 200,
        body: { data: { within: 'the access context' } },
      });
    } finally {
      await sut.close();
    }
  });
});
