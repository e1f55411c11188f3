/** A subgraph double on a real local HTTP server, and what the gateway's executor hands a data source. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Logger } from '@azukari/common';
import type { GatewayContext } from '../src/context';

/** A logger that keeps what it was told, by level. */
export const recordingLogger = () => {
  const lines: { level: string; fields: { err?: { code?: string } }; msg: string }[] = [];
  const at = (level: string) => (fields: object, msg: string) => lines.push({ level, fields, msg });
  const log = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger;
  return { log, lines };
};

/** A caller's operation as @apollo/gateway's executor passes it to a data source. */
export const operation = (query: string, variables: Record<string, unknown> = {}) =>
  ({
    kind: 'incoming operation',
    request: { query, variables },
    context: {},
    incomingRequestContext: {},
  }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;

export const listen = async (handler: Parameters<typeof createServer>[1]): Promise<Server> => {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
};
export const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
export const close = async (server: Server) => await new Promise((resolve) => server.close(resolve));
