/** The committed supergraph is the composition of the four committed subgraph schemas. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { SERVICES } from '@azukari/common';
import { loadGatewayConfig } from '../src/config';

describe('supergraph', () => {
  it('composes without errors and equals the committed supergraph.graphql', () => {
    const result = composeServices(
      SERVICES.map((name) => ({
        name,
        url: `http://${name}.azukari.invalid/graphql`,
        typeDefs: parse(readFileSync(join(__dirname, '..', '..', name, 'schema.graphql'), 'utf8')),
      })),
    );
    expect(result.errors).toBeUndefined();
    expect(result.supergraphSdl).toBe(readFileSync(join(__dirname, '..', 'supergraph.graphql'), 'utf8'));
    for (const name of SERVICES) expect(result.supergraphSdl).toContain(`${name.toUpperCase()} @join__graph(name: "${name}"`);
  });
});

describe('gateway configuration', () => {
  it('names every bad setting and stops', () => {
    expect(() => loadGatewayConfig({ AZUKARI_GATEWAY_PORT: 'x', AZUKARI_SIGNING_KEY: '{"kty":"RSA"}' })).toThrow(
      /AZUKARI_GATEWAY_PORT[\s\S]*AZUKARI_SIGNING_KEY/,
    );
  });
});
