// Child process of references.mjs: a bare @apollo/gateway in @apollo/server's standalone server,
// over the supergraph it is sent. Nothing calls home: telemetry is off in the environment, and
// usage and schema reporting and the landing page are off here.
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';

// Dies with the parent: the IPC channel closes however the parent ends.
process.on('disconnect', () => process.exit(0));

process.once('message', async ({ supergraphSdl }) => {
  const server = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl }),
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  process.send({ url: `${url}graphql` });
});
