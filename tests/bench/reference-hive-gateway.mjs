// Child process of references.mjs: the Hive gateway runtime on node:http, over the supergraph it
// is sent. Nothing calls home: no reporting or persisted-documents option, so no Hive or GraphOS
// client; no OpenTelemetry plugin; the supergraph is a string, so nothing is fetched or polled;
// landing page and GraphiQL off. Subgraphs are reached with the HTTP transport, given here rather
// than found by a dynamic import.
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import * as http from '@graphql-mesh/transport-http';

// Dies with the parent: the IPC channel closes however the parent ends.
process.on('disconnect', () => process.exit(0));

process.once('message', ({ supergraphSdl }) => {
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    transports: { http },
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    logging: 'error',
  });
  const server = createServer(gateway);
  server.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${server.address().port}/graphql` }));
});
