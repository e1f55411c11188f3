/**
 * A bare HTTP server for a process without GraphQL (the worker): liveness, readiness and any
 * read-only routes such as metrics. Node's http alone, so such a process pulls in no web framework.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Readiness = () => Promise<Record<string, boolean>>;

export interface HealthServerOptions {
  name: string;
  port: number;
  host: string;
  readiness: Readiness;
  /** Extra GET routes: path -> body and content type. */
  routes?: Record<string, () => Promise<{ contentType: string; body: string }>>;
}

export interface RunningHealthServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const startHealthServer = async (options: HealthServerOptions): Promise<RunningHealthServer> => {
  const server = createServer((req, res) => {
    const reply = (status: number, contentType: string, body: string) => {
      res.writeHead(status, { 'content-type': contentType });
      res.end(body);
    };
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method !== 'GET') return reply(405, 'application/json', JSON.stringify({ error: 'GET only' }));
    if (path === '/health/live') return reply(200, 'application/json', JSON.stringify({ status: 'ok', service: options.name }));
    if (path === '/health/ready') {
      options
        .readiness()
        .catch(() => ({ readiness: false }))
        .then(
          (checks) => {
            const ok = Object.values(checks).every(Boolean);
            reply(ok ? 200 : 503, 'application/json', JSON.stringify({ status: ok ? 'ok' : 'unavailable', service: options.name, checks }));
          },
          () => reply(503, 'application/json', '{}'),
        );
      return undefined;
    }
    const route = options.routes?.[path];
    if (!route) return reply(404, 'application/json', JSON.stringify({ error: 'not found' }));
    route().then(
      ({ contentType, body }) => reply(200, contentType, body),
      () => reply(500, 'application/json', JSON.stringify({ error: 'unavailable' })),
    );
    return undefined;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    port,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
};
