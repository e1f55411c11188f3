/**
 * The GraphQL endpoint on Node's own HTTP server, through @apollo/server's integration API
 * (`executeHTTPGraphQLRequest`), the way its standalone server serves it. Every federated read
 * passes four of these endpoints (the gateway's and three subgraphs'), and express's router,
 * request and response layers around Apollo were a measurable share of each (docs/BENCHMARKS.md).
 * The other routes of a process (health, internal routes, metrics) stay on express:
 * `serveGraphQL` answers /graphql itself and hands every other request on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import bodyParser from 'body-parser';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';

export const GRAPHQL_PATH = '/graphql';

export interface GraphQLEndpointOptions<C extends BaseContext> {
  /** The largest body read, as body-parser counts it ('256kb'); a larger one is refused with 413. */
  bodyLimit: string;
  /**
   * Runs once the body is read, before Apollo: it answers the request itself to refuse it, or
   * calls `execute` to go on, from within whatever the request must run in (an access context).
   */
  admit?: (req: IncomingMessage, res: ServerResponse, execute: () => Promise<void>) => Promise<void>;
  /** The request's context; an error thrown here is answered as Apollo answers it. */
  context: (req: IncomingMessage, res: ServerResponse, body: unknown) => Promise<C>;
}

/**
 * body-parser's refusal of a body the caller sent wrong (malformed JSON, too large) as a status
 * and a message, never a stack; null for an error of the server's own. The internal routes'
 * express.json answers with the same.
 */
export const bodyRefusal = (error: { status?: number; type?: string } | undefined): { status: number; message: string } | null => {
  if (!error || typeof error.status !== 'number' || error.status >= 500) return null;
  const tooLarge = error.type === 'entity.too.large';
  return tooLarge
    ? { status: 413, message: 'The request body is too large.' }
    : { status: 400, message: 'The request body is not valid JSON.' };
};

export const writeJson = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

const headersOf = (req: IncomingMessage): HeaderMap => {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
};

const write = async (res: ServerResponse, answer: HTTPGraphQLResponse): Promise<void> => {
  for (const [key, value] of answer.headers) res.setHeader(key, value);
  res.statusCode = answer.status ?? 200;
  if (answer.body.kind === 'complete') {
    res.end(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) res.write(chunk);
  res.end();
};

/**
 * A request handler for the whole HTTP server: /graphql answered by `server`, anything else passed
 * to `otherwise` (an express app).
 */
export const serveGraphQL = <C extends BaseContext>(
  server: ApolloServer<C>,
  options: GraphQLEndpointOptions<C>,
  otherwise: (req: IncomingMessage, res: ServerResponse) => void,
): ((req: IncomingMessage, res: ServerResponse) => void) => {
  const readJson = bodyParser.json({ limit: options.bodyLimit });
  const endpoint = (req: IncomingMessage, res: ServerResponse): void => {
    readJson(req, res, (error?: { status?: number; type?: string }) => {
      if (error) {
        const refusal = bodyRefusal(error);
        if (refusal) writeJson(res, refusal.status, { errors: [{ message: refusal.message, extensions: { code: 'BAD_REQUEST' } }] });
        else
          writeJson(res, 500, { errors: [{ message: 'The request could not be read.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        return;
      }
      const body = (req as IncomingMessage & { body?: unknown }).body;
      const execute = async (): Promise<void> => {
        const url = req.url ?? GRAPHQL_PATH;
        const answer = await server.executeHTTPGraphQLRequest({
          httpGraphQLRequest: {
            method: (req.method ?? 'GET').toUpperCase(),
            headers: headersOf(req),
            search: url.includes('?') ? url.slice(url.indexOf('?')) : '',
            body,
          },
          context: async () => await options.context(req, res, body),
        });
        await write(res, answer);
      };
      const run = options.admit ? options.admit(req, res, execute) : execute();
      run.catch(() => {
        // executeHTTPGraphQLRequest answers every error itself; only a broken socket lands here.
        if (!res.headersSent)
          writeJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        else res.destroy();
      });
    });
  };
  return (req, res) => {
    const url = req.url ?? '';
    const path = url.includes('?') ? url.slice(0, url.indexOf('?')) : url;
    if (path === GRAPHQL_PATH) endpoint(req, res);
    else otherwise(req, res);
  };
};
