// Child process of references.mjs: Azukari's four subgraphs in memory, from the SDLs the build emits
// (apps/*/schema.graphql), so the references plan over the same entities, keys and fields. Only what
// the bench query reads is resolved, from constants: the references measure gateways, not storage.
// Each subgraph is its own @apollo/server on 127.0.0.1, all in this one process; the parent gets the
// supergraph composed over their URLs.
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@apollo/composition';

// Dies with the parent: the IPC channel closes however the parent ends.
process.on('disconnect', () => process.exit(0));

const ASSETS = Number(process.argv[2] ?? 100);
// The order of apps/gateway/src/compose.ts (SERVICES), so the composed supergraph can be compared.
const SUBGRAPHS = ['contracts', 'custody', 'personnel', 'incidents'];

// UUID-shaped like Azukari's ids, so representations sent to subgraphs are as long as its own.
const uuid = (kind, i) => `${kind}-0000-7000-8000-${String(i).padStart(12, '0')}`;
const indexOf = (id) => Number(id.slice(-12));
const CLIENT = { id: uuid('c1000000', 1), name: 'Bench KK' };
const CONTRACT = { id: uuid('c0000000', 100), clientId: CLIENT.id, title: 'hundred' };
const CUSTODIANS = ['鈴木 一', '鈴木 二'];
const asset = (i) => ({ id: uuid('a0000000', i), contractId: CONTRACT.id, clientId: CLIENT.id, name: `asset ${i}` });

const resolvers = {
  contracts: {
    Contract: {
      __resolveReference: ({ id }) => (id === CONTRACT.id ? CONTRACT : null),
      client: () => CLIENT,
    },
    Client: { __resolveReference: ({ id }) => (id === CLIENT.id ? CLIENT : null) },
  },
  custody: {
    Query: {
      assets: (_, { contractId, first, after }) => {
        const from = after ? Number(after) + 1 : 0;
        const to = contractId === CONTRACT.id ? Math.min(ASSETS, from + Math.min(first, 100)) : from;
        const edges = [];
        for (let i = from; i < to; i += 1) edges.push({ cursor: String(i), node: asset(i) });
        return {
          edges,
          pageInfo: {
            hasNextPage: to < ASSETS && contractId === CONTRACT.id,
            hasPreviousPage: from > 0,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
        };
      },
    },
    DataAsset: {
      __resolveReference: ({ id }) => asset(indexOf(id)),
      contract: ({ contractId }) => ({ id: contractId }),
    },
  },
  personnel: {
    DataAsset: {
      __resolveReference: ({ id }) => ({ id }),
      custodian: ({ id }) => ({ name: CUSTODIANS[indexOf(id) % 2] }),
    },
  },
  incidents: {},
};

const sdlOf = (name) => readFileSync(new URL(`../../apps/${name}/schema.graphql`, import.meta.url), 'utf8');

const services = [];
for (const name of SUBGRAPHS) {
  const typeDefs = parse(sdlOf(name));
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers[name] }),
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  services.push({ name, url: `${url}graphql`, typeDefs });
}

const { supergraphSdl, errors } = composeServices(services);
if (errors) throw new Error(`composition failed: ${errors.map((e) => e.message).join('; ')}`);
// Same shape as Azukari's gateway: its supergraph but for the subgraph URLs, or the build is stale.
let placeheld = supergraphSdl;
for (const { name, url } of services) placeheld = placeheld.replaceAll(`"${url}"`, `"http://${name}.azukari.invalid/graphql"`);
if (placeheld !== readFileSync(new URL('../../apps/gateway/supergraph.graphql', import.meta.url), 'utf8')) {
  throw new Error('the composed supergraph differs from apps/gateway/supergraph.graphql: run the build');
}

process.send({ supergraphSdl, contractId: CONTRACT.id });
