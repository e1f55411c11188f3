/** The route catalog: what every owner, caller and stand-in relies on being true of it. */
import { SERVICES } from '@azukari/common';
import { CheckCustodian, LookupContracts, ROUTES, VerifyToken, WebhookDeliveryDetails } from './index';

describe('internal route catalog', () => {
  it('gives every route one owner among the subgraphs and a path of its own at that owner', () => {
    for (const route of ROUTES) expect(SERVICES).toContain(route.owner);
    // Routes served by each owner of a kind of thing (documents) share a path, each at its own owner.
    expect(new Set(ROUTES.map((r) => `${r.owner} ${r.path}`)).size).toBe(ROUTES.length);
    for (const route of ROUTES) expect(route.path).toMatch(/^\/[a-z-]+\/[a-z-]+$/);
  });

  it('names at least one caller for every route, never its owner', () => {
    for (const route of ROUTES) {
      expect(route.callers.length).toBeGreaterThan(0);
      expect(route.callers).not.toContain(route.owner);
    }
  });

  it('refuses requests that are not what the owner expects', () => {
    expect(LookupContracts.request.safeParse({ ids: [] }).success).toBe(false);
    expect(
      LookupContracts.request.safeParse({ ids: Array.from({ length: 501 }, () => '01936b2e-7c1a-7000-8000-00000000000a') }).success,
    ).toBe(false);
    expect(CheckCustodian.request.safeParse({ employeeId: 'e-1', assetId: 'a-1', clientId: 'c-1' }).success).toBe(false);
    expect(VerifyToken.request.safeParse({ token: 'x'.repeat(201) }).success).toBe(false);
  });

  it('refuses answers a caller could not act on', () => {
    const id = '01936b2e-7c1a-7000-8000-00000000000a';
    expect(LookupContracts.response.safeParse({ contracts: [{ id, clientId: id, status: 'ACTIVE' }] }).success).toBe(true);
    expect(LookupContracts.response.safeParse({ contracts: [{ id, clientId: id, status: 'PAUSED' }] }).success).toBe(false);
    expect(
      WebhookDeliveryDetails.response.safeParse({ reportId: id, endpointId: id, url: 'not a url', secrets: ['s'], body: '{}' }).success,
    ).toBe(false);
    expect(
      VerifyToken.response.safeParse({ principal: { kind: 'partner', tokenId: id, clientId: 'c', scopes: [] }, expiresAt: null }).success,
    ).toBe(false);
  });
});
