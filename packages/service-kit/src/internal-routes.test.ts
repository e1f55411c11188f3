/**
 * The owner's side of internal routes, through a real HTTP service on port 0 with a real
 * CredentialVerifier: what a calling service gets back for each kind of call, and what an
 * operator reads in the log. (@azukari/testing depends on service-kit, so keys are made here.)
 */
import { z } from 'zod';
import {
  CredentialIssuer,
  CredentialVerifier,
  DomainError,
  ErrorCode,
  ServiceClient,
  createLogger,
  defineRoute,
  generateServiceKey,
  type JWK,
  type Logger,
  type Principal,
} from '@azukari/common';
import { startHttpService, type RunningService } from './http-service';
import { implement, routerFor, type RouteCall } from './internal-routes';

const CountThings = defineRoute({
  owner: 'contracts',
  path: '/things/count',
  callers: ['incidents', 'custody'],
  request: z.object({ ids: z.array(z.uuid()).min(1).max(3), label: z.string().default('none') }),
  response: z.object({ count: z.number().int(), label: z.string() }),
});

/** Answers whatever it is told to: a shape its definition does not promise, a refusal, a crash. */
const Misbehave = defineRoute({
  owner: 'contracts',
  path: '/things/misbehave',
  callers: ['incidents'],
  request: z.object({ how: z.enum(['wrong-shape', 'refuse', 'crash']), code: z.string().optional() }),
  response: z.object({ thing: z.object({ id: z.uuid() }) }),
});

const ForeignRoute = defineRoute({
  owner: 'custody',
  path: '/assets/things',
  callers: ['contracts'],
  request: z.object({}),
  response: z.object({}),
});

const ID_A = '01936b2e-7c1a-7000-8000-00000000000a';
const ID_B = '01936b2e-7c1a-7000-8000-00000000000b';
const partner: Principal = {
  kind: 'partner',
  tokenId: '01936b2e-7c1a-7000-8000-000000000001',
  clientId: '01936b2e-7c1a-7000-8000-000000000002',
  scopes: ['contracts:read'],
};

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

const capturedLogger = (): { log: Logger; lines: LogLine[] } => {
  const lines: LogLine[] = [];
  const log = createLogger('contracts', 'info', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { log, lines };
};

describe('internal routes served by startHttpService', () => {
  const keys: Record<'gateway' | 'incidents' | 'custody' | 'worker', JWK> = {} as never;
  const handled: { route: string; request: unknown; call: Omit<RouteCall, 'log'> }[] = [];
  let service: RunningService;
  let lines: LogLine[];

  beforeAll(async () => {
    const pairs = await Promise.all(
      (['gateway', 'incidents', 'custody', 'worker'] as const).map(async (s) => [s, await generateServiceKey(s)] as const),
    );
    for (const [issuer, pair] of pairs) keys[issuer] = pair.privateJwk;
    const captured = capturedLogger();
    lines = captured.lines;
    service = await startHttpService({
      name: 'contracts',
      port: 0,
      log: captured.log,
      verifier: new CredentialVerifier('contracts', { keys: pairs.map(([, pair]) => pair.publicJwk) }),
      routes: [
        implement(CountThings, async (request, { log: _log, ...call }) => {
          handled.push({ route: CountThings.path, request, call });
          return { count: request.ids.length, label: request.label, unpromised: 'dropped' } as never;
        }),
        implement(Misbehave, async (request, { log: _log, ...call }) => {
          handled.push({ route: Misbehave.path, request, call });
          if (request.how === 'wrong-shape') return { thing: { id: 42 } } as never;
          if (request.how === 'refuse') throw new DomainError(request.code as ErrorCode, `refused with ${request.code}`);
          throw new Error('SELECT * FROM secret_table failed: connection to 10.0.0.7 lost');
        }),
      ],
      readiness: async () => ({}),
    });
  });
  afterAll(async () => {
    await service.close();
  });
  beforeEach(() => {
    handled.length = 0;
    lines.length = 0;
  });

  /** POST /internal<path> as `issuer` (signed for `audience`), or with no credential at all. */
  const post = async (
    issuer: keyof typeof keys | null,
    path: string,
    body: unknown,
    options: { caller?: Principal | null; audience?: string; raw?: string; trace?: string } = {},
  ) => {
    const token = issuer
      ? await new CredentialIssuer(issuer, keys[issuer]).sign(options.audience ?? 'contracts', { caller: options.caller ?? null })
      : null;
    const response = await fetch(`${service.url}/internal${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options.trace ? { traceparent: options.trace } : {}),
      },
      body: options.raw ?? JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { error?: { code: string; message: string }; [k: string]: unknown },
    };
  };

  it('answers a listed caller with the checked answer, the handler receiving the parsed request and the carried caller', async () => {
    const trace = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const res = await post('incidents', '/things/count', { ids: [ID_A, ID_B], extra: 'ignored' }, { caller: partner, trace });
    expect(res).toEqual({ status: 200, body: { count: 2, label: 'none' } });
    expect(handled).toEqual([
      {
        route: '/things/count',
        request: { ids: [ID_A, ID_B], label: 'none' },
        call: { caller: partner, credential: { issuer: 'incidents', caller: partner }, trace },
      },
    ]);
    // Every listed caller, not only the first.
    expect((await post('custody', '/things/count', { ids: [ID_A] })).status).toBe(200);
  });

  it('refuses a service that is not among the callers with 403 FORBIDDEN, before the handler', async () => {
    for (const issuer of ['worker', 'gateway'] as const) {
      const res = await post(issuer, '/things/count', { ids: [ID_A] }, { caller: partner });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: { code: ErrorCode.FORBIDDEN, message: `${issuer} may not call /things/count.` } });
    }
    // custody may count things but not make them misbehave.
    expect((await post('custody', '/things/misbehave', { how: 'crash' })).body.error?.code).toBe(ErrorCode.FORBIDDEN);
    expect(handled).toEqual([]);
  });

  it('refuses a bad request with 400 BAD_USER_INPUT naming the field, before the handler', async () => {
    const malformed = await post('incidents', '/things/count', { ids: [ID_A, 'not-a-uuid'] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(malformed.body.error?.message).toMatch(/^ids\.1: /);

    const tooMany = await post('incidents', '/things/count', { ids: [ID_A, ID_A, ID_A, ID_A] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error?.message).toMatch(/^ids: /);

    const wrongType = await post('incidents', '/things/count', { ids: [ID_A], label: 7 });
    expect(wrongType.body.error).toEqual({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringMatching(/^label: /) });

    const missing = await post('incidents', '/things/count', {});
    expect(missing.body.error).toEqual({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringMatching(/^ids: /) });

    const notAnObject = await post('incidents', '/things/count', [ID_A]);
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.body.error?.message).toMatch(/^body: /);
    expect(handled).toEqual([]);
  });

  it('refuses a body that is not JSON with 400 and a code, never a stack', async () => {
    const res = await post('incidents', '/things/count', null, { raw: '{"ids": [' });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' });
    expect(JSON.stringify(res.body)).not.toMatch(/at .+\.js|SyntaxError/);
    expect(handled).toEqual([]);
  });

  it("answers 500 INTERNAL_SERVER_ERROR when the handler's answer breaks the response schema, and logs it as an error", async () => {
    const res = await post('incidents', '/things/misbehave', { how: 'wrong-shape' });
    expect(res).toEqual({ status: 500, body: { error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal error.' } } });
    expect(JSON.stringify(res.body)).not.toContain('42');
    const errors = lines.filter((l) => l.level >= 50);
    expect(errors).toEqual([
      expect.objectContaining({
        msg: 'internal route answer does not match its definition',
        route: '/things/misbehave',
        issuer: 'incidents',
        issues: expect.stringMatching(/^thing\.id: /),
      }),
    ]);
  });

  it.each([
    [ErrorCode.NOT_FOUND, 404],
    [ErrorCode.FORBIDDEN, 403],
    [ErrorCode.BAD_USER_INPUT, 400],
    [ErrorCode.CONFLICT, 409],
    [ErrorCode.SERVICE_UNAVAILABLE, 503],
    [ErrorCode.CONSENT_REQUIRED, 422],
  ])("passes a handler's DomainError %s on with status %i and its message, logging no error", async (code, status) => {
    const res = await post('incidents', '/things/misbehave', { how: 'refuse', code });
    expect(res).toEqual({ status, body: { error: { code, message: `refused with ${code}` } } });
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('answers a crash in the handler with 500 INTERNAL_SERVER_ERROR, keeping its detail in the log only', async () => {
    const res = await post('incidents', '/things/misbehave', { how: 'crash' });
    expect(res).toEqual({ status: 500, body: { error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal error.' } } });
    const errors = lines.filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'internal route failed', route: '/things/misbehave' });
    expect(JSON.stringify(errors[0])).toContain('secret_table');
  });

  it('refuses a call without a valid credential for this service with 401, before the handler', async () => {
    const none = await post(null, '/things/count', { ids: [ID_A] });
    expect(none.status).toBe(401);
    expect(none.body.error?.code).toBe(ErrorCode.UNAUTHENTICATED);
    const elsewhere = await post('incidents', '/things/count', { ids: [ID_A] }, { audience: 'custody' });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body.error?.code).toBe(ErrorCode.UNAUTHENTICATED);
    const stranger = await generateServiceKey('incidents');
    const forged = await new CredentialIssuer('incidents', stranger.privateJwk).sign('contracts', { caller: null });
    const res = await fetch(`${service.url}/internal/things/count`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${forged}` },
      body: JSON.stringify({ ids: [ID_A] }),
    });
    expect(res.status).toBe(401);
    expect(handled).toEqual([]);
  });

  it('answers an unknown path with 404 NOT_FOUND, and a known one only to POST', async () => {
    const unknown = await post('incidents', '/things/unknown', { ids: [ID_A] });
    expect(unknown).toEqual({ status: 404, body: { error: { code: ErrorCode.NOT_FOUND, message: 'No such internal route.' } } });
    const token = await new CredentialIssuer('incidents', keys.incidents).sign('contracts', { caller: null });
    const get = await fetch(`${service.url}/internal/things/count`, { headers: { authorization: `Bearer ${token}` } });
    expect(get.status).toBe(404);
    // Unauthenticated probes learn nothing about which paths exist.
    expect((await post(null, '/things/unknown', {})).status).toBe(401);
    expect(handled).toEqual([]);
  });

  it('agrees with ServiceClient: answers come back parsed, refusals passed on, a broken answer is SERVICE_UNAVAILABLE', async () => {
    const client = new ServiceClient(new CredentialIssuer('incidents', keys.incidents), { contracts: service.url });
    await expect(client.call(CountThings, { ids: [ID_A] }, partner)).resolves.toEqual({ count: 1, label: 'none' });
    await expect(client.call(Misbehave, { how: 'refuse', code: ErrorCode.NOT_FOUND }, partner)).rejects.toMatchObject({
      code: ErrorCode.NOT_FOUND,
      message: 'refused with NOT_FOUND',
    });
    await expect(client.call(Misbehave, { how: 'wrong-shape' }, partner)).rejects.toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE });
    // A service not among the callers is refused by the owner, and its caller is told so.
    const custody = new ServiceClient(new CredentialIssuer('custody', keys.custody), { contracts: service.url });
    await expect(custody.call(Misbehave, { how: 'crash' }, partner)).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
  });
});

describe('routerFor at start', () => {
  const log = createLogger('contracts', 'silent');
  const count = implement(CountThings, async ({ ids, label }) => ({ count: ids.length, label }));

  it('refuses a route owned by another service, naming it and its owner', () => {
    expect(() => routerFor('contracts', [count, implement(ForeignRoute, async () => ({}))], log)).toThrow(
      "contracts cannot serve /assets/things: it is custody's route",
    );
  });

  it('refuses one path served twice', () => {
    const again = implement(CountThings, async () => ({ count: 0, label: 'again' }));
    expect(() => routerFor('contracts', [count, again], log)).toThrow('contracts serves /things/count twice');
  });

  it('stops startHttpService before it listens', async () => {
    const verifier = new CredentialVerifier('contracts', { keys: [] });
    await expect(
      startHttpService({
        name: 'contracts',
        port: 0,
        log,
        verifier,
        routes: [implement(ForeignRoute, async () => ({}))],
        readiness: async () => ({}),
      }),
    ).rejects.toThrow("contracts cannot serve /assets/things: it is custody's route");
    await expect(
      startHttpService({
        name: 'custody',
        port: 0,
        log,
        verifier,
        routes: [implement(ForeignRoute, async () => ({}))],
        readiness: async () => ({}),
      }).then(async (running) => {
        await running.close();
        return 'started';
      }),
    ).resolves.toBe('started');
  });
});
