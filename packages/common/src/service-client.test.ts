/**
 * ServiceClient.call against real HTTP servers standing for a route's owner: what a caller gets
 * back for every kind of answer, and what the owner receives.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { CredentialIssuer, CredentialVerifier, generateServiceKey, type ServiceKeyPair } from './credentials';
import { DomainError, ErrorCode } from './errors';
import { defineRoute } from './internal-route';
import type { Principal } from './principal';
import { ServiceClient } from './service-client';

const LookupThing = defineRoute({
  owner: 'contracts',
  path: '/things/lookup',
  callers: ['incidents'],
  request: z.object({ id: z.uuid() }),
  response: z.object({ thing: z.object({ id: z.uuid(), count: z.number().int() }) }),
});

const THING_ID = '01936b2e-7c1a-7000-8000-00000000000a';
const caller: Principal = {
  kind: 'partner',
  tokenId: '01936b2e-7c1a-7000-8000-000000000001',
  clientId: '01936b2e-7c1a-7000-8000-000000000002',
  scopes: ['contracts:read'],
};

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP server on port 0 standing for the owner: it records each request and answers with `answer`. */
interface FakeOwner {
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

type Answer = (res: ServerResponse, received: Received) => void;

const json =
  (status: number, body: unknown): Answer =>
  (res) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

const fakeOwner = async (answer: Answer): Promise<FakeOwner> => {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      answer(res, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

describe('ServiceClient.call', () => {
  let incidentsKey: ServiceKeyPair;
  const owners: FakeOwner[] = [];

  beforeAll(async () => {
    incidentsKey = await generateServiceKey('incidents');
  });
  afterEach(async () => {
    await Promise.all(owners.splice(0).map((o) => o.close()));
  });

  const ownerAnswering = async (answer: Answer): Promise<FakeOwner> => {
    const owner = await fakeOwner(answer);
    owners.push(owner);
    return owner;
  };
  const clientFor = (url: string, timeoutMs?: number) =>
    new ServiceClient(new CredentialIssuer('incidents', incidentsKey.privateJwk), { contracts: url }, timeoutMs);
  /** The error `call` rejects with; fails the test if it resolves. */
  const failureOf = async (promise: Promise<unknown>): Promise<DomainError> => {
    const outcome = await promise.then(
      (value) => ({ resolved: value }),
      (error: unknown) => ({ error }),
    );
    if (!('error' in outcome)) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.resolved)}`);
    expect(outcome.error).toBeInstanceOf(DomainError);
    return outcome.error as DomainError;
  };
  /** SERVICE_UNAVAILABLE naming the owner, with nothing of where it lives. */
  const expectUnavailable = (error: DomainError, owner: FakeOwner | { url: string; port: number }) => {
    expect(error.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    expect(error.message).toMatch(/^The contracts service .+\. Try again shortly\.$/);
    expect(error.details).toEqual({ service: 'contracts' });
    const seen = `${error.message} ${JSON.stringify(error.details)}`;
    expect(seen).not.toContain(owner.url);
    expect(seen).not.toContain('127.0.0.1');
    expect(seen).not.toContain(String(owner.port));
    expect(seen).not.toContain('/internal');
  };

  it('returns a well-formed answer parsed, keeping only what the route defines', async () => {
    const owner = await ownerAnswering(json(200, { thing: { id: THING_ID, count: 3, internalNote: 'not promised' }, extra: true }));
    await expect(clientFor(owner.url).call(LookupThing, { id: THING_ID }, caller)).resolves.toEqual({ thing: { id: THING_ID, count: 3 } });
    expect(owner.received).toHaveLength(1);
    expect(owner.received[0]).toMatchObject({ method: 'POST', url: '/internal/things/lookup' });
    expect(owner.received[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(owner.received[0]!.body)).toEqual({ id: THING_ID });
  });

  it('signs the call for the route owner as audience, as the calling service, carrying the caller', async () => {
    const owner = await ownerAnswering(json(200, { thing: { id: THING_ID, count: 1 } }));
    await clientFor(owner.url).call(LookupThing, { id: THING_ID }, caller);
    const authorization = owner.received[0]!.headers.authorization ?? '';
    expect(authorization).toMatch(/^Bearer \S+$/);
    const token = authorization.slice('Bearer '.length);
    const trusted = { keys: [incidentsKey.publicJwk] };
    await expect(new CredentialVerifier('contracts', trusted).verify(token)).resolves.toEqual({ issuer: 'incidents', caller });
    // Signed for contracts alone: no other service accepts it.
    await expect(new CredentialVerifier('custody', trusted).verify(token)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
  });

  it("carries a service's own background work as no caller, and the trace when there is one", async () => {
    const owner = await ownerAnswering(json(200, { thing: { id: THING_ID, count: 1 } }));
    const trace = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await clientFor(owner.url).call(LookupThing, { id: THING_ID }, null, trace);
    await clientFor(owner.url).call(LookupThing, { id: THING_ID }, null);
    const [traced, untraced] = owner.received;
    expect(traced!.headers.traceparent).toBe(trace);
    expect(untraced!.headers.traceparent).toBeUndefined();
    const token = traced!.headers.authorization!.slice('Bearer '.length);
    await expect(new CredentialVerifier('contracts', { keys: [incidentsKey.publicJwk] }).verify(token)).resolves.toEqual({
      issuer: 'incidents',
      caller: null,
    });
  });

  it('throws before sending anything when our own request breaks the route', async () => {
    const owner = await ownerAnswering(json(200, { thing: { id: THING_ID, count: 1 } }));
    const client = clientFor(owner.url);
    await expect(client.call(LookupThing, { id: 'not-a-uuid' }, caller)).rejects.toThrow();
    await expect(client.call(LookupThing, {} as never, caller)).rejects.toThrow();
    expect(owner.received).toEqual([]);
  });

  describe('an owner that fails or answers what the route does not define is SERVICE_UNAVAILABLE', () => {
    it.each<[string, Answer]>([
      ['a 500 with no body', (res) => res.writeHead(500).end()],
      ['a 502 with an HTML page', (res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>')],
      ['a 200 with a body that is not JSON', (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"thing": ')],
      ['a 200 with an empty body', (res) => res.writeHead(200).end()],
      ['a 200 missing a field', json(200, { thing: { id: THING_ID } })],
      ['a 200 with a field of the wrong type', json(200, { thing: { id: THING_ID, count: '3' } })],
      ['a 200 with a malformed id', json(200, { thing: { id: 'thing-1', count: 3 } })],
      ['a 200 with null', json(200, null)],
    ])('%s', async (_what, answer) => {
      const owner = await ownerAnswering(answer);
      const error = await failureOf(clientFor(owner.url).call(LookupThing, { id: THING_ID }, caller));
      expectUnavailable(error, owner);
      expect(owner.received).toHaveLength(1);
    });

    it('a refused connection', async () => {
      const closed = await fakeOwner(json(200, {}));
      await closed.close();
      const error = await failureOf(clientFor(closed.url).call(LookupThing, { id: THING_ID }, caller));
      expectUnavailable(error, closed);
    });

    it('an owner that does not answer within the timeout', async () => {
      const owner = await ownerAnswering(() => undefined);
      const started = Date.now();
      const error = await failureOf(clientFor(owner.url, 300).call(LookupThing, { id: THING_ID }, caller));
      expectUnavailable(error, owner);
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });

  describe("an owner's refusal", () => {
    it.each([
      [404, ErrorCode.NOT_FOUND, 'No thing 01936b2e.'],
      [403, ErrorCode.FORBIDDEN, 'incidents may not see this thing.'],
      [400, ErrorCode.BAD_USER_INPUT, 'id: Invalid UUID'],
      [409, ErrorCode.CONFLICT, 'The thing changed meanwhile.'],
      [422, ErrorCode.CONSENT_REQUIRED, 'No consent on file.'],
      [422, ErrorCode.TRAINING_REQUIRED, 'No training on file.'],
    ])('%i %s is passed on with its message', async (status, code, message) => {
      const owner = await ownerAnswering(json(status, { error: { code, message } }));
      const error = await failureOf(clientFor(owner.url).call(LookupThing, { id: THING_ID }, caller));
      expect(error.code).toBe(code);
      expect(error.message).toBe(message);
    });

    it.each([
      [401, ErrorCode.UNAUTHENTICATED, 'A valid service credential for this service is required.'],
      [500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal error.'],
      [503, ErrorCode.SERVICE_UNAVAILABLE, 'The personnel service did not answer.'],
      [429, ErrorCode.RATE_LIMITED, 'Slow down.'],
      [418, 'TEAPOT', 'A code no route defines.'],
    ])('%i %s becomes SERVICE_UNAVAILABLE of the owner, without its message', async (status, code, message) => {
      const owner = await ownerAnswering(json(status, { error: { code, message } }));
      const error = await failureOf(clientFor(owner.url).call(LookupThing, { id: THING_ID }, caller));
      expectUnavailable(error, owner);
      expect(error.message).not.toContain(message);
    });

    it('without a message, or as a bare code, becomes SERVICE_UNAVAILABLE', async () => {
      for (const body of [{ error: { code: ErrorCode.NOT_FOUND } }, { code: ErrorCode.NOT_FOUND, message: 'x' }, { error: 'NOT_FOUND' }]) {
        const owner = await ownerAnswering(json(404, body));
        expectUnavailable(await failureOf(clientFor(owner.url).call(LookupThing, { id: THING_ID }, caller)), owner);
      }
    });
  });
});
