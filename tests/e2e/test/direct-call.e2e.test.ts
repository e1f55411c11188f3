/** A subgraph called around the gateway refuses: no credential, or one not for its own audience. */
import { gatewayCredential, graphql, errorCodes, staffPrincipal } from '@azukari/testing';
import { startStack, SUBGRAPHS, type Stack } from '../src/stack';

describe('subgraphs called directly', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it.each(SUBGRAPHS)('%s refuses a request without a credential with UNAUTHENTICATED', async (name) => {
    const res = await graphql(`${stack.serviceUrls[name]}/graphql`, '{ __typename }');
    expect(res.status).toBe(401);
    expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
  });

  it.each(SUBGRAPHS)('%s refuses a credential signed for another subgraph', async (name) => {
    const other = SUBGRAPHS.find((s) => s !== name)!;
    const res = await graphql(`${stack.serviceUrls[name]}/graphql`, '{ __typename }', {}, await gatewayCredential(other, staffPrincipal()));
    expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
  });

  it.each(SUBGRAPHS)('%s answers a credential signed for it', async (name) => {
    const res = await graphql(`${stack.serviceUrls[name]}/graphql`, '{ __typename }', {}, await gatewayCredential(name, staffPrincipal()));
    expect(res.data).toEqual({ __typename: 'Query' });
  });

  it.each(['contracts', 'custody', 'personnel'] as const)(
    '%s internal routes refuse a caller without a service credential',
    async (name) => {
      const res = await fetch(`${stack.serviceUrls[name]}/internal/anything`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(401);
    },
  );
});
