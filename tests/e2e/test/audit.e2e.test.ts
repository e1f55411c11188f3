/**
 * The audit log through the gateway: partners' changes and reads land in their own client's
 * chain in the service that holds the data, with who, why and the request; staff verify a chain
 * and see an altered row reported at that row; a partner exports its own client's trail as JSON
 * Lines and nothing of another client's.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { errorCodes, graphql } from '@azukari/testing';
import { startStack, type Stack } from '../src/stack';
import { createClient, createContract, createPartnerToken, registerAsset, SCOPE, waitUntil } from '../src/flows';

const SERVICES = ['contracts', 'custody', 'personnel', 'incidents'] as const;
const TRAIL = `query ($clientId: ID) { auditTrail(clientId: $clientId) { chain ${SERVICES.map(
  (s) => `${s} { service verification { intact entries firstBrokenSeq reason headSeq } entries(limit: 1000) { jsonLines count hasMore } }`,
).join(' ')} } }`;

interface Part {
  service: string;
  verification: { intact: boolean; entries: number; firstBrokenSeq: string | null; reason: string | null; headSeq: string };
  entries: { jsonLines: string; count: number; hasMore: boolean };
}
type Trail = { auditTrail: { chain: string } & Record<(typeof SERVICES)[number], Part> };
interface Line {
  service: string;
  chain: string;
  seq: string;
  action: string;
  actor: { kind: string; id: string };
  objects: Record<string, string[]>;
  purpose: string | null;
  requestId: string;
}
const linesOf = (part: Part): Line[] =>
  part.entries.jsonLines
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);

describe('audit log through the gateway', () => {
  let stack: Stack;
  let a: { client: string; contract: string; token: string; tokenId: string; asset: string };
  let b: { client: string; contract: string; token: string; asset: string };
  const chosenTrace = `00-${'5e'.repeat(16)}-${'7a'.repeat(8)}-01`;
  let requestId: string;

  beforeAll(async () => {
    stack = await startStack();
    const make = async (name: string) => {
      const client = (await createClient(stack, name)).id;
      const contract = await createContract(stack, client);
      const { token, apiToken } = await createPartnerToken(stack, client, [SCOPE.custodyRead, SCOPE.custodyWrite, SCOPE.auditRead]);
      return { client, contract, token, tokenId: apiToken.id };
    };
    const madeA = await make('監査 株式会社 A');
    const madeB = await make('監査 株式会社 B');
    // Partner A registers and reads with a declared purpose (percent-encoded UTF-8); it sends a
    // traceparent of its own, which the gateway does not take as the request id.
    const headers = { 'azukari-purpose': encodeURIComponent('給与計算のための登録'), traceparent: chosenTrace };
    const response = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${madeA.token}`, ...headers },
      body: JSON.stringify({
        query: `mutation ($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }`,
        variables: {
          input: {
            contractId: madeA.contract,
            name: '従業員名簿',
            form: 'ELECTRONIC',
            location: 'DC1',
            recordCount: 10,
            receivedAt: '2026-04-01T00:00:00Z',
          },
        },
      }),
    });
    requestId = response.headers.get('azukari-request-id') ?? '';
    const registered = (await response.json()) as { data: { registerAsset: { id: string } } };
    a = { ...madeA, asset: registered.data.registerAsset.id };
    await graphql(
      stack.graphqlUrl,
      `
        query ($c: ID!) {
          assets(contractId: $c) {
            edges {
              node {
                id
                name
              }
            }
          }
        }
      `,
      { c: a.contract },
      a.token,
      headers,
    );
    b = { ...madeB, asset: await registerAsset(stack, madeB.contract, '顧客台帳', undefined, madeB.token) };
    await stack.request(`query ($c: ID!) { assets(contractId: $c) { edges { node { id } } } }`, { c: b.contract }, b.token);
  });
  afterAll(async () => {
    await stack.close();
  });

  const trailOf = async (clientId: string | null, token?: string) => await stack.request<Trail>(TRAIL, clientId ? { clientId } : {}, token);

  it("records a partner's change and its read in its client's chain at custody, with actor, purpose and request id", async () => {
    const custody = await waitUntil(
      async () => {
        const part = (await trailOf(a.client)).data?.auditTrail.custody;
        return part && linesOf(part).some((l) => l.action === 'read') ? part : null;
      },
      10_000,
      'the read batch to be appended',
    );
    const lines = linesOf(custody);
    const created = lines.find((l) => l.action === 'create');
    expect(created).toMatchObject({
      service: 'custody',
      chain: a.client,
      actor: { kind: 'partner', id: a.tokenId },
      objects: { DataAsset: [a.asset] },
      purpose: '給与計算のための登録',
      requestId,
    });
    expect(requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(requestId).not.toBe('5e'.repeat(16));
    const read = lines.find((l) => l.action === 'read' && l.actor.kind === 'partner');
    expect(read).toMatchObject({ actor: { id: a.tokenId }, objects: { DataAsset: [a.asset] }, purpose: '給与計算のための登録' });
    // verification reads its own snapshot, entries another moment: a batch of reads may land between.
    expect(custody.verification).toMatchObject({ intact: true, firstBrokenSeq: null });
    expect(custody.verification.entries).toBe(Number(custody.verification.headSeq));
    expect(custody.verification.entries).toBeGreaterThanOrEqual(2);
  });

  it("exports a partner's own client's trail as JSON Lines, with nothing of another client's", async () => {
    const exported = await trailOf(null, a.token);
    expect(exported.errors).toBeUndefined();
    expect(exported.data?.auditTrail.chain).toBe(a.client);
    const lines = SERVICES.flatMap((s) => linesOf(exported.data!.auditTrail[s]));
    expect(lines.length).toBeGreaterThan(1);
    expect(new Set(lines.map((l) => l.chain))).toEqual(new Set([a.client]));
    const text = SERVICES.map((s) => exported.data!.auditTrail[s].entries.jsonLines).join('');
    for (const other of [b.client, b.asset, b.contract, b.token]) expect(text).not.toContain(other);
    // The client's own record at contracts (its creation by the operator) is part of its trail.
    expect(linesOf(exported.data!.auditTrail.contracts).some((l) => l.action === 'create' && l.objects.Client?.[0] === a.client)).toBe(
      true,
    );
  });

  it("refuses a partner another client's trail, and a token without audit:read", async () => {
    expect(errorCodes(await trailOf(b.client, a.token))).toEqual(['FORBIDDEN']);
    const { token } = await createPartnerToken(stack, a.client, [SCOPE.custodyRead]);
    expect(errorCodes(await trailOf(null, token))).toEqual(['FORBIDDEN']);
  });

  it('reports an altered row at that row, through the gateway and the command, and the other chains still hold', async () => {
    await stack.resources.sql('custody', "UPDATE audit_entry SET actorId = 'not-who-it-was' WHERE chain = ? AND seq = 1", [a.client]);
    const trail = (await trailOf(a.client)).data!.auditTrail;
    expect(trail.custody.verification).toMatchObject({
      intact: false,
      firstBrokenSeq: '1',
      entries: 0,
      reason: 'its content does not match its hash',
    });
    expect(trail.contracts.verification).toMatchObject({ intact: true });
    expect((await trailOf(b.client)).data!.auditTrail.custody.verification.intact).toBe(true);

    const command = spawnSync(process.execPath, [join(__dirname, '../../../apps/custody/dist/audit-verify.js'), a.client], {
      env: { ...process.env, AZUKARI_CUSTODY_MYSQL_URL: stack.resources.databaseUrl('custody'), AZUKARI_LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    expect(command.status).toBe(1);
    expect(command.stdout).toContain(`custody ${a.client}: BROKEN at entry 1: its content does not match its hash`);
  });

  it("verifies the operator's chain for staff, and refuses bad arguments with BAD_USER_INPUT", async () => {
    const operator = await trailOf(null);
    expect(operator.data?.auditTrail.chain).toBe('operator');
    expect(operator.data?.auditTrail.contracts.verification.intact).toBe(true);
    expect(errorCodes(await trailOf('not-an-id'))).toEqual(['BAD_USER_INPUT']);
    const page = await stack.request(`query ($c: ID) { auditTrail(clientId: $c) { custody { entries(limit: 0) { count } } } }`, {
      c: a.client,
    });
    expect(errorCodes(page)).toEqual(['BAD_USER_INPUT']);
  });
});
