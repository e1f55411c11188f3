/**
 * The one endpoint. @apollo/gateway over the supergraph composed at build time (never by
 * introspection at run time), inside @apollo/server on Node's HTTP server (@azukari/graphql-http;
 * express serves the health routes), with subgraph URLs taken from
 * configuration. It authenticates every request and signs a short-lived principal per subgraph.
 * Nothing is sent to Apollo's servers: telemetry, usage and schema reporting are off.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express from 'express';
import { Redis } from 'ioredis';
import { GraphQLError } from 'graphql';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { serveGraphQL } from '@azukari/graphql-http';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import {
  CredentialIssuer,
  DomainError,
  ErrorCode,
  ServiceClient,
  SERVICES,
  answers,
  bearerTokenOf,
  createLogger,
  isDomainError,
  logRedisOutages,
  systemClock,
  revocationChannel,
  requestIdOf,
  REQUEST_ID_HEADER,
} from '@azukari/common';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { TokenAuthenticator } from './auth';
import { armorFor, RequestRateLimiter } from './limits';
import { formatGatewayError } from './errors';
import { SignedDataSource } from './signed-data-source';
import { idempotencyOfRequest, purposeOfRequest } from './request-headers';
import { requireNoEviction } from '@azukari/jobs';
import { DashboardSessions } from './dashboard-session';
import { mountQueueDashboard } from './queue-dashboard';
import { mountReportLinkPage } from './report-link-page';

export { loadGatewayConfig, type GatewayConfig } from './config';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';

export interface GatewayApp {
  url: string;
  port: number;
  authenticator: TokenAuthenticator;
  close(): Promise<void>;
}

const HTTP_STATUS: Partial<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

/**
 * Every request gets a trace id minted here, never the caller's: it is the request id of every
 * audit entry the request causes, so a caller must not be able to choose one (another caller's,
 * say). The caller learns it from the `azukari-request-id` response header.
 */
const newTrace = (): string => `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;

export const createApp = async (config: GatewayConfig): Promise<GatewayApp> => {
  const log = config.log ?? createLogger('gateway');
  const clock = config.clock ?? systemClock;
  const issuer = new CredentialIssuer('gateway', config.signingKey);
  const services = new ServiceClient(issuer, config.serviceUrls);
  const authenticator = new TokenAuthenticator({
    services,
    clock,
    log,
    cacheMs: config.tokenCacheMs,
    redisUrl: config.redisUrl,
    channel: revocationChannel(config.queuePrefix),
  });
  await authenticator.start();
  // Rate limits fail fast to the in-memory limiter while Redis is away, or slow to answer.
  const redis = new Redis(config.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
  });
  redis.on('error', () => undefined);
  logRedisOutages(redis, 'rate-limits', log);
  // Operations: the gateway keeps revocations and rate limits in Redis, beside the queues it shows.
  try {
    await requireNoEviction(redis, log);
  } catch (error) {
    authenticator.close();
    redis.disconnect();
    throw error;
  }
  const rateLimiter = new RequestRateLimiter(redis, config.queuePrefix, config.limits.requestsPerMinute);

  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    buildService: ({ name }) => {
      const base = config.serviceUrls[name as keyof typeof config.serviceUrls];
      if (!base) throw new Error(`the supergraph names a subgraph without a configured URL: ${name}`);
      return new SignedDataSource(name, `${base}/graphql`, issuer, log);
    },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer();
  const armor = armorFor(config.limits);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatGatewayError(log),
    includeStacktraceInErrorResponses: false,
    // The process closes everything in order on SIGTERM/SIGINT itself (closeOnSignals).
    stopOnTerminationSignals: false,
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // Answers are per caller and never cached: no cache-control policy to compute per field.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await server.start();

  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/health/ready', async (_req, res) => {
    const checks: Record<string, boolean> = {
      redis: await answers(redis.ping()),
    };
    await Promise.all(
      SERVICES.map(async (name) => {
        checks[name] = await fetch(`${config.serviceUrls[name]}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then(
          (r) => r.ok,
          () => false,
        );
      }),
    );
    const ok = Object.values(checks).every(Boolean);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', service: 'gateway', checks });
  });

  // Operations: the staff queue dashboard at /admin/queues (queue-dashboard.ts).
  const dashboard = mountQueueDashboard(app, {
    authenticator,
    sessions: new DashboardSessions(config.signingKey, clock),
    queues: { redisUrl: config.redisUrl, prefix: config.queuePrefix },
    newTrace,
    log,
  });

  // The public page of a report email's signed link (report-link-page.ts): no token, the link is the credential.
  mountReportLinkPage(app, { services, newTrace, log });

  httpServer.on(
    'request',
    serveGraphQL(
      server,
      {
        bodyLimit: '256kb',
        context: async (req, res, body): Promise<GatewayContext> => {
          const trace = newTrace();
          res.setHeader(REQUEST_ID_HEADER, requestIdOf(trace));
          try {
            const purpose = purposeOfRequest(req.headers);
            const idempotency = idempotencyOfRequest(req.headers, body);
            const token = bearerTokenOf(req.headers.authorization);
            if (token === null) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Send an API token: Authorization: Bearer azk_...');
            const principal = await authenticator.authenticate(token, trace);
            await rateLimiter.consume(principal.tokenId);
            return { principal, trace, purpose, idempotency, mutationSteps: new Map() };
          } catch (error) {
            const domain = isDomainError(error)
              ? error
              : new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'Authentication is unavailable. Try again shortly.');
            if (!isDomainError(error)) log.error({ err: error }, 'authentication failed');
            throw new GraphQLError(domain.message, {
              extensions: { code: domain.code, ...(domain.details ?? {}), http: { status: HTTP_STATUS[domain.code] ?? 400 } },
            });
          }
        },
      },
      app,
    ),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  log.info({ url: `${url}/graphql` }, 'gateway listening');

  return {
    url,
    port,
    authenticator,
    close: async () => {
      await server.stop();
      await dashboard.close();
      authenticator.close();
      redis.disconnect();
    },
  };
};
