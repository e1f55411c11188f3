/**
 * Build step: composes the supergraph from the subgraphs' emitted schema.graphql files with
 * @apollo/composition and writes supergraph.graphql. A composition error fails the build (and CI).
 * The URLs written here are placeholders: the gateway takes the real ones from configuration.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { SERVICES } from '@azukari/common';

const apps = join(__dirname, '..', '..');
const result = composeServices(
  SERVICES.map((name) => ({
    name,
    url: `http://${name}.azukari.invalid/graphql`,
    typeDefs: parse(readFileSync(join(apps, name, 'schema.graphql'), 'utf8')),
  })),
);
if (result.errors) {
  for (const error of result.errors) console.error(`composition error: ${error.message}`);
  process.exit(1);
}
writeFileSync(join(__dirname, '..', 'supergraph.graphql'), result.supergraphSdl);
console.log(`supergraph composed from ${SERVICES.join(', ')}`);
