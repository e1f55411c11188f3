/**
 * The HTTP side of every subgraph: /graphql behind a gateway credential, /internal/* behind a
 * service credential, /health/live and /health/ready open (they reveal nothing), graceful close.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response, type NextFunction } from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { bodyRefusal, serveGraphQL, writeJson } from '@azukari/graphql-http';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { randomBytes } from 'node:crypto';
import {
  DomainError,
  ErrorCode,
  PURPOSE_HEADER,
  PURPOSE_MAX_LENGTH,
  actorOf,
  isDomainError,
  bearerTokenOf,
  newAccessContext,
  purposeFrom,
  runAs,
  type AccessContext,
  type CredentialVerifier,
  type Logger,
  type VerifiedCredential,
  type Principal,
  type ServiceName,
} from '@azukari/common';
import { createErrorFormatter } from './errors';
import { credentialOf, routerFor, type RouteImplementation } from './internal-routes';

export interface BaseContext {
  principal: Principal | null;
  /** W3C traceparent of this request: carried into outbox events and service calls. */
  trace: string;
  log: Logger;
}

export type Readiness = () => Promise<Record<string, boolean>>;

export interface HttpServiceOptions<C extends BaseContext> {
  name: ServiceName;
  port: number;
  host?: string;
  log: Logger;
  /** Needed where there is GraphQL or internal routes to protect. */
  verifier?: CredentialVerifier;
  /** Absent for a process without GraphQL (the worker). */
  schema?: GraphQLSchema;
  context?: (base: BaseContext) => C | Promise<C>;
  /** The internal routes this service owns, each from its definition in @azukari/routes. */
  routes?: readonly RouteImplementation[];
  readiness: Readiness;
  /** Extra routes without credentials (metrics). */
  open?: (app: express.Express) => void;
  /** Further Apollo plugins of the GraphQL endpoint (idempotent mutations). */
  plugins?: ApolloServerPlugin<C>[];
  /** Called once a request is answered, with the access context it ran in (its reads, for the audit log). */
  onWorkDone?: (access: AccessContext) => void;
}

export interface RunningService {
  url: string;
  port: number;
  close(): Promise<void>;
}

const traceOf = (req: IncomingMessage): string => {
  const given = req.headers.traceparent;
  if (typeof given === 'string' && /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/.test(given)) return given;
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
};

export const startHttpService = async <C extends BaseContext>(options: HttpServiceOptions<C>): Promise<RunningService> => {
  const { log, verifier } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = createServer();

  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/health/ready', async (_req, res) => {
    const checks = await options.readiness().catch(() => ({ readiness: false }));
    const ok = Object.values(checks).every(Boolean);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', service: options.name, checks });
  });
  options.open?.(app);

  /** The request's service credential, checked; a DomainError (UNAUTHENTICATED) if there is none that passes. */
  const credentialFor = async (req: IncomingMessage, mustBeGateway: boolean): Promise<VerifiedCredential> => {
    const token = bearerTokenOf(req.headers.authorization);
    try {
      if (!token || !verifier) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'A service credential is required.');
      const credential = await verifier.verify(token);
      if (mustBeGateway && (credential.issuer !== 'gateway' || !credential.caller)) {
        throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Only the gateway may call this endpoint.');
      }
      return credential;
    } catch (error) {
      throw isDomainError(error) ? error : new DomainError(ErrorCode.UNAUTHENTICATED, 'A valid service credential is required.');
    }
  };

  const authenticate = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      res.locals.credential = await credentialFor(req, false);
      next();
    } catch (error) {
      const { message } = error as DomainError;
      res.status(401).json({ error: { code: ErrorCode.UNAUTHENTICATED, message } });
    }
  };

  /**
   * Every authenticated request runs in an access context: who acts (the caller, else the calling
   * service), the request id and the declared purpose, for the data layer's audit hook.
   */
  const enter = (req: IncomingMessage, res: ServerResponse, credential: VerifiedCredential): { access: AccessContext; trace: string } => {
    const trace = traceOf(req);
    const access = newAccessContext({
      actor: credential.caller ? actorOf(credential.caller) : { kind: 'service', id: credential.issuer },
      via: credential.issuer === 'gateway' ? null : credential.issuer,
      trace,
      purpose: purposeFrom(req.headers[PURPOSE_HEADER])?.slice(0, PURPOSE_MAX_LENGTH) ?? null,
    });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      options.onWorkDone?.(access);
    };
    res.once('finish', finish);
    res.once('close', finish);
    return { access, trace };
  };

  const asCaller = (req: Request, res: Response, next: NextFunction): void => {
    const { access, trace } = enter(req, res, credentialOf(res));
    res.locals.trace = trace;
    runAs(access, next);
  };

  if (options.routes?.length) app.use('/internal', authenticate, asCaller, routerFor(options.name, options.routes, log));

  let apollo: ApolloServer<C> | null = null;
  if (options.schema && options.context) {
    apollo = new ApolloServer<C>({
      schema: options.schema,
      formatError: createErrorFormatter(log),
      includeStacktraceInErrorResponses: false,
      // The process closes everything in order on SIGTERM/SIGINT itself (closeOnSignals).
      stopOnTerminationSignals: false,
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer }),
        ApolloServerPluginLandingPageDisabled(),
        ApolloServerPluginInlineTraceDisabled(),
        // No answer is cacheable (every one is scoped to its caller), and the plugin's hook on
        // every resolved field was a measurable share of a list's cost (docs/BENCHMARKS.md).
        ApolloServerPluginCacheControlDisabled(),
        ...(options.plugins ?? []),
      ],
    });
    await apollo.start();
    const makeContext = options.context;
    const callers = new WeakMap<IncomingMessage, { credential: VerifiedCredential; trace: string }>();
    httpServer.on(
      'request',
      serveGraphQL(
        apollo,
        {
          bodyLimit: '1mb',
          admit: async (req, res, execute) => {
            let credential: VerifiedCredential;
            try {
              credential = await credentialFor(req, true);
            } catch (error) {
              const { message } = error as DomainError;
              writeJson(res, 401, { errors: [{ message, extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
              return;
            }
            const { access, trace } = enter(req, res, credential);
            callers.set(req, { credential, trace });
            await runAs(access, execute);
          },
          context: async (req) => {
            const { credential, trace } = callers.get(req)!;
            return await makeContext({ principal: credential.caller, trace, log: log.child({ trace }) });
          },
        },
        app,
      ),
    );
  } else {
    httpServer.on('request', app);
  }

  // express.json's refusals of an internal route's body (malformed JSON, too large) as errors with a code, never a stack.
  app.use((error: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    const refusal = bodyRefusal(error);
    if (!refusal) return next(error);
    res.status(refusal.status).json({ error: { code: 'BAD_REQUEST', message: refusal.message } });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  log.info({ url }, `${options.name} listening`);

  return {
    url,
    port,
    close: async () => {
      // Apollo's drain plugin closes the server itself; close() on a closed server never calls back.
      if (apollo) await apollo.stop();
      if (!httpServer.listening) return;
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    },
  };
};
