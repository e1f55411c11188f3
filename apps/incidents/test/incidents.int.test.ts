import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { newId, Scope, StaffRole, type Principal } from '@azukari/common';
import { QueueName } from '@azukari/jobs';
import { errorCodes, gatewayCredential, graphql, partnerPrincipal, staffPrincipal } from '@azukari/testing';
import { bootIncidents, type BootedIncidents } from './boot';

const REPORT = `mutation ($input: ReportIncidentInput!) {
  reportIncident(input: $input) { id kind certainty detectedAt summary status reportedAt contracts { id } }
}`;
const INCIDENTS = `query ($contractId: ID, $first: Int, $after: String) {
  incidents(contractId: $contractId, first: $first, after: $after) {
    edges { node { id contracts { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const INCIDENT = `query ($id: ID!) { incident(id: $id) { id summary contracts { id } } }`;
const CONTRACT_INCIDENTS = `query ($r: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $r) {
    ... on Contract { id incidents(first: $first, after: $after) { edges { node { id contracts { id } } } pageInfo { hasNextPage endCursor } } }
  }
}`;
const INCIDENT_ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Incident { id kind contracts { id } } } }`;

interface OutboxRow {
  id: string;
  type: string;
  payload: string;
  trace: string | null;
  publishedAt: Date | null;
}
type Node = { id: string; contracts: { id: string }[] };
type Connection = { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

const DETECTED = '2026-03-31T22:15:00.000Z';
const idsOf = (connection: Connection | undefined): string[] => (connection?.edges ?? []).map((e) => e.node.id);
const contractIdsOf = (node: { contracts: { id: string }[] } | null | undefined): string[] => (node?.contracts ?? []).map((c) => c.id);
const contractRefs = (ids: string[]) => ids.map((id) => ({ __typename: 'Contract', id }));

describe('incidents subgraph', () => {
  let sut: BootedIncidents;
  const handler = staffPrincipal(StaffRole.HANDLER);
  const auditor = staffPrincipal(StaffRole.AUDITOR);
  const clientA = newId();
  const clientB = newId();
  const partnerA = partnerPrincipal(clientA, [Scope.INCIDENTS_READ]);
  let a1: string;
  let a2: string;
  let b1: string;

  beforeAll(async () => {
    sut = await bootIncidents();
    [a1 = '', a2 = ''] = sut.contracts.addContracts(clientA, 2);
    [b1 = ''] = sut.contracts.addContracts(clientB, 1);
  });
  afterAll(async () => {
    await sut.close();
  });

  const report = async (input: Record<string, unknown>, as: Principal = handler) =>
    await sut.call(
      REPORT,
      { input: { kind: 'LEAKAGE', certainty: 'SUSPECTED', detectedAt: DETECTED, summary: '顧客名簿の誤送信の疑い', ...input } },
      as,
    );
  const reported = async (contractIds: string[]): Promise<string> => {
    const res = await report({ contractIds });
    expect(res.errors).toBeUndefined();
    return res.data?.reportIncident.id as string;
  };
  const sql = async <T>(query: string, parameters: unknown[] = []): Promise<T[]> =>
    (await sut.app.deps.dataSource.query(query, parameters)) as T[];
  const counts = async () => {
    const [row] = await sql<{ incidents: string; links: string; events: string }>(
      'SELECT (SELECT COUNT(*) FROM incident) AS incidents, (SELECT COUNT(*) FROM incident_contract) AS links, (SELECT COUNT(*) FROM outbox_event) AS events',
    );
    return { incidents: Number(row?.incidents), links: Number(row?.links), events: Number(row?.events) };
  };
  const eventsOf = async (incidentId: string): Promise<OutboxRow[]> =>
    (await sql<OutboxRow>('SELECT id, type, payload, trace, publishedAt FROM outbox_event')).filter(
      (row) => (JSON.parse(row.payload) as { subject?: { id?: string } }).subject?.id === incidentId,
    );

  describe('called directly', () => {
    it('refuses a request without a credential', async () => {
      const res = await graphql(sut.url, INCIDENTS);
      expect(res.status).toBe(401);
      expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses a credential signed for another audience', async () => {
      const res = await graphql(sut.url, INCIDENTS, {}, await gatewayCredential('contracts', handler));
      expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('reportIncident', () => {
    it('writes the incident, its links and one report request per affected client, naming only its own contracts', async () => {
      // ARRANGE: contracts of two clients, given interleaved.
      const before = await counts();
      sut.contracts.calls.length = 0;

      // ACT
      const res = await report({
        contractIds: [a1, b1, a2],
        kind: 'LOSS',
        certainty: 'CONFIRMED',
        detectedAt: '2026-04-01T07:15:00+09:00',
      });

      // ASSERT: the answer
      expect(res.errors).toBeUndefined();
      const incident = res.data?.reportIncident;
      expect(incident).toMatchObject({
        kind: 'LOSS',
        certainty: 'CONFIRMED',
        detectedAt: '2026-03-31T22:15:00.000Z',
        summary: '顧客名簿の誤送信の疑い',
        status: 'OPEN',
        reportedAt: '2026-04-01T00:00:00.000Z',
      });
      expect(contractIdsOf(incident)).toEqual([a1, b1, a2]);
      // contracts was asked, as incidents and on behalf of the handler
      expect(sut.contracts.calls).toEqual([{ issuer: 'incidents', caller: handler, ids: [a1, b1, a2] }]);

      // the rows
      const [row] = await sql<{ status: string; detectedAt: Date }>('SELECT status, detectedAt FROM incident WHERE id = ?', [incident.id]);
      expect(row).toEqual({ status: 'OPEN', detectedAt: new Date('2026-03-31T22:15:00.000Z') });
      const links = await sql<{ contractId: string; clientId: string }>(
        'SELECT contractId, clientId FROM incident_contract WHERE incidentId = ? ORDER BY id',
        [incident.id],
      );
      expect(links).toEqual([
        { contractId: a1, clientId: clientA },
        { contractId: b1, clientId: clientB },
        { contractId: a2, clientId: clientA },
      ]);

      // one report request per affected client, each naming only that client's contracts, due in 15 minutes (Art 7.1)
      const events = await eventsOf(incident.id);
      expect(events.map((e) => e.type)).toEqual(['client-report.requested', 'client-report.requested']);
      for (const event of events) expect(event.trace).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/);
      const facts = { incidentId: incident.id, kind: 'LOSS', certainty: 'CONFIRMED', detectedAt: '2026-03-31T22:15:00.000Z' };
      const request = (clientId: string, contractIds: string[]) => ({
        clientId,
        contractIds,
        article: 'Art 7.1',
        kind: 'incident.reported',
        subject: { type: 'Incident', id: incident.id },
        facts,
        dueAt: '2026-04-01T00:15:00.000Z',
      });
      expect(events.map((e) => JSON.parse(e.payload))).toEqual([request(clientA, [a1, a2]), request(clientB, [b1])]);
      expect(await counts()).toEqual({ incidents: before.incidents + 1, links: before.links + 3, events: before.events + 2 });
    });

    it('accepts a detectedAt equal to now', async () => {
      const res = await report({ contractIds: [a1], detectedAt: sut.clock.now().toISOString() });
      expect(res.errors).toBeUndefined();
    });

    it.each([
      { refused: 'no contract', input: { contractIds: [] }, code: 'BAD_USER_INPUT' },
      { refused: 'a contract twice', input: { contractIds: ['A1', 'A1'] }, code: 'BAD_USER_INPUT' },
      { refused: 'more than 100 contracts', input: { contractIds: Array.from({ length: 101 }, () => newId()) }, code: 'BAD_USER_INPUT' },
      { refused: 'a contract id that is no UUID', input: { contractIds: ['contract-1'] }, code: 'BAD_USER_INPUT' },
      {
        refused: 'a detectedAt in the future',
        input: { contractIds: ['A1'], detectedAt: '2026-04-01T00:00:00.001Z' },
        code: 'BAD_USER_INPUT',
      },
      {
        refused: 'a detectedAt with a mistyped year',
        input: { contractIds: ['A1'], detectedAt: '0226-03-31T22:15:00.000Z' },
        code: 'BAD_USER_INPUT',
      },
      { refused: 'a blank summary', input: { contractIds: ['A1'], summary: '  \n ' }, code: 'BAD_USER_INPUT' },
      { refused: 'a summary over 2000 characters', input: { contractIds: ['A1'], summary: '漏'.repeat(2001) }, code: 'BAD_USER_INPUT' },
      {
        refused: 'a summary over 2000 code points through variation selectors',
        input: { contractIds: ['A1'], summary: '☎\uFE0F'.repeat(1001) },
        code: 'BAD_USER_INPUT',
      },
      { refused: 'an unknown contract', input: { contractIds: ['A1', 'UNKNOWN'] }, code: 'NOT_FOUND' },
    ])('refuses $refused with $code and writes nothing', async ({ input, code }) => {
      const unknown = newId();
      const contractIds = input.contractIds.map((id) => (id === 'A1' ? a1 : id === 'UNKNOWN' ? unknown : id));
      const before = await counts();
      const res = await report({ ...input, contractIds });
      expect(errorCodes(res)).toEqual([code]);
      if (code === 'NOT_FOUND') {
        expect(res.errors?.[0]?.message).toContain(unknown);
        expect(res.errors?.[0]?.message).not.toContain(a1);
      }
      expect(await counts()).toEqual(before);
    });

    it('writes nothing when contracts cannot answer, and says to try again', async () => {
      const before = await counts();
      sut.contracts.failNext = true;
      const res = await report({ contractIds: [a1] });
      expect(errorCodes(res)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(await counts()).toEqual(before);
    });

    it('refuses auditors and partners with FORBIDDEN, without asking contracts or writing', async () => {
      sut.contracts.calls.length = 0;
      const before = await counts();
      expect(errorCodes(await report({ contractIds: [a1] }, auditor))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await report({ contractIds: [a1] }, partnerA))).toEqual(['FORBIDDEN']);
      expect(sut.contracts.calls).toEqual([]);
      expect(await counts()).toEqual(before);
    });

    it.each([StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER, StaffRole.HANDLER])(
      'lets every writing staff role report: %s records the incident, can read it back, and its client is told',
      async (role) => {
        const staff = staffPrincipal(role);
        const summary = `${role}: 顧客名簿の誤送信の疑い`;
        sut.contracts.calls.length = 0;

        const res = await report({ contractIds: [a2], summary }, staff);

        expect(res.errors).toBeUndefined();
        const incident = res.data?.reportIncident;
        expect(incident).toMatchObject({ kind: 'LEAKAGE', certainty: 'SUSPECTED', detectedAt: DETECTED, summary, status: 'OPEN' });
        expect(contractIdsOf(incident)).toEqual([a2]);
        // contracts was asked on this role's behalf, not on some default principal's
        expect(sut.contracts.calls).toEqual([{ issuer: 'incidents', caller: staff, ids: [a2] }]);
        // what the reporter sees when it opens the incident again
        const readBack = await sut.call(INCIDENT, { id: incident.id }, staff);
        expect(readBack.errors).toBeUndefined();
        expect(readBack.data?.incident).toEqual({ id: incident.id, summary, contracts: [{ id: a2 }] });
        // the hand-off that makes the client's report
        const events = await eventsOf(incident.id);
        expect(
          events.map((event) => {
            const payload = JSON.parse(event.payload) as { clientId: string; contractIds: string[]; article: string };
            return [event.type, payload.clientId, payload.contractIds, payload.article];
          }),
        ).toEqual([['client-report.requested', clientA, [a2], 'Art 7.1']]);
      },
    );
  });

  describe('the relay', () => {
    it('publishes the event to BullMQ as job incidents-<outbox id> and marks it published', async () => {
      const redis = new Redis(sut.resources.redisUrl, { maxRetriesPerRequest: null });
      const queue = new Queue(QueueName.CONTRACTS_EVENTS, { connection: redis, prefix: sut.resources.queuePrefix });
      try {
        const incidentId = await reported([b1]);
        const [event] = await eventsOf(incidentId);
        expect(event).toBeDefined();
        const jobId = `incidents-${event?.id}`;

        const job = await eventually(async () => await queue.getJob(jobId));
        expect(job.name).toBe('client-report.requested');
        expect(job.data).toEqual({
          eventId: event?.id,
          occurredAt: '2026-04-01T00:00:00.000Z',
          trace: event?.trace,
          payload: JSON.parse(event?.payload ?? '{}'),
        });
        const published = await eventually(async () => (await eventsOf(incidentId))[0]?.publishedAt ?? null);
        expect(published).toEqual(sut.clock.now());
      } finally {
        await queue.close();
        redis.disconnect();
      }
    });
  });

  describe('tenant scope', () => {
    let onlyB: string;
    let both: string;
    let onlyA: string;

    beforeAll(async () => {
      onlyB = await reported([b1]);
      both = await reported([b1, a1]);
      onlyA = await reported([a2]);
    });

    it('shows staff every incident, with every contract it touches', async () => {
      const res = await sut.call(INCIDENTS, { first: 100 }, auditor);
      const nodes: Node[] = (res.data?.incidents as Connection).edges.map((e) => e.node);
      expect(nodes.map((n) => n.id)).toEqual(expect.arrayContaining([onlyB, both, onlyA]));
      expect(contractIdsOf(nodes.find((n) => n.id === both))).toEqual([b1, a1]);
      const ofB = await sut.call(INCIDENTS, { contractId: b1, first: 100 }, auditor);
      expect(idsOf(ofB.data?.incidents)).toEqual(expect.arrayContaining([onlyB, both]));
      expect(idsOf(ofB.data?.incidents)).not.toContain(onlyA);
    });

    it('shows a partner only incidents that touch its own client, and only its own contracts in them', async () => {
      const res = await sut.call(INCIDENTS, { first: 100 }, partnerA);
      const nodes: Node[] = (res.data?.incidents as Connection).edges.map((e) => e.node);
      expect(nodes.map((n) => n.id)).toEqual(expect.arrayContaining([both, onlyA]));
      expect(nodes.map((n) => n.id)).not.toContain(onlyB);
      for (const node of nodes) expect(contractIdsOf(node).every((id) => id === a1 || id === a2)).toBe(true);
      expect(contractIdsOf(nodes.find((n) => n.id === both))).toEqual([a1]);
    });

    it("gives a partner an empty list for another client's contract", async () => {
      const res = await sut.call(INCIDENTS, { contractId: b1, first: 100 }, partnerA);
      expect(res.errors).toBeUndefined();
      expect(idsOf(res.data?.incidents)).toEqual([]);
      const own = await sut.call(INCIDENTS, { contractId: a1, first: 100 }, partnerA);
      expect(idsOf(own.data?.incidents)).toContain(both);
    });

    it('gives a partner null for an incident of another client alone', async () => {
      expect((await sut.call(INCIDENT, { id: onlyB }, partnerA)).data?.incident).toBeNull();
      const shared = await sut.call(INCIDENT, { id: both }, partnerA);
      expect(shared.data?.incident.id).toBe(both);
      expect(contractIdsOf(shared.data?.incident)).toEqual([a1]);
      expect(contractIdsOf((await sut.call(INCIDENT, { id: both }, handler)).data?.incident)).toEqual([b1, a1]);
    });

    it("scopes Contract.incidents: nothing through another client's contract, only own links through its own", async () => {
      const res = await sut.call(CONTRACT_INCIDENTS, { r: contractRefs([b1, a1]), first: 100 }, partnerA);
      expect(res.errors).toBeUndefined();
      const [ofB, ofA] = res.data?._entities as { id: string; incidents: Connection }[];
      expect(ofB?.id).toBe(b1);
      expect(idsOf(ofB?.incidents)).toEqual([]);
      expect(idsOf(ofA?.incidents)).toContain(both);
      expect(contractIdsOf(ofA?.incidents.edges.find((e) => e.node.id === both)?.node)).toEqual([a1]);
      const staff = await sut.call(CONTRACT_INCIDENTS, { r: contractRefs([b1]), first: 100 }, auditor);
      expect(idsOf((staff.data?._entities as { incidents: Connection }[])[0]?.incidents)).toEqual(expect.arrayContaining([onlyB, both]));
    });

    it('resolves no incident of another client alone through _entities', async () => {
      const res = await sut.call(
        INCIDENT_ENTITIES,
        {
          r: [
            { __typename: 'Incident', id: onlyB },
            { __typename: 'Incident', id: both },
            { __typename: 'Incident', id: newId() },
          ],
        },
        partnerA,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?._entities).toEqual([null, { id: both, kind: 'LEAKAGE', contracts: [{ id: a1 }] }, null]);
    });

    it('refuses a partner without incidents:read on every path', async () => {
      const reader = partnerPrincipal(clientA, [Scope.CONTRACTS_READ, Scope.CUSTODY_READ]);
      expect(errorCodes(await sut.call(INCIDENTS, {}, reader))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await sut.call(INCIDENT, { id: both }, reader))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await sut.call(CONTRACT_INCIDENTS, { r: contractRefs([a1]) }, reader))).toEqual(['FORBIDDEN']);
      const entities = await sut.call(INCIDENT_ENTITIES, { r: [{ __typename: 'Incident', id: both }] }, reader);
      expect(entities.data?._entities).toEqual([null]);
    });
  });

  describe('pages', () => {
    let contract: string;
    let reportedIds: string[];

    beforeAll(async () => {
      [contract = ''] = sut.contracts.addContracts(clientA, 1);
      reportedIds = [];
      for (let i = 0; i < 3; i += 1) reportedIds.push(await reported([contract]));
    });

    it('pages incidents by cursor, oldest first', async () => {
      const first = await sut.call(INCIDENTS, { contractId: contract, first: 2 }, partnerA);
      expect(idsOf(first.data?.incidents)).toEqual(reportedIds.slice(0, 2));
      expect(first.data?.incidents.pageInfo.hasNextPage).toBe(true);
      const next = await sut.call(INCIDENTS, { contractId: contract, first: 2, after: first.data?.incidents.pageInfo.endCursor }, partnerA);
      expect(idsOf(next.data?.incidents)).toEqual(reportedIds.slice(2));
      expect(next.data?.incidents.pageInfo.hasNextPage).toBe(false);
    });

    it('pages Contract.incidents by cursor', async () => {
      const first = await sut.call(CONTRACT_INCIDENTS, { r: contractRefs([contract]), first: 1 }, handler);
      const page = (first.data?._entities as { incidents: Connection }[])[0]?.incidents;
      expect(idsOf(page)).toEqual(reportedIds.slice(0, 1));
      expect(page?.pageInfo.hasNextPage).toBe(true);
      const next = await sut.call(CONTRACT_INCIDENTS, { r: contractRefs([contract]), first: 5, after: page?.pageInfo.endCursor }, handler);
      expect(idsOf((next.data?._entities as { incidents: Connection }[])[0]?.incidents)).toEqual(reportedIds.slice(1));
    });

    it('refuses a cursor it did not give out with BAD_USER_INPUT', async () => {
      expect(errorCodes(await sut.call(INCIDENTS, { after: 'bm90LWEtY3Vyc29y' }, handler))).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('batching', () => {
    const clientC = newId();
    const partnerC = partnerPrincipal(clientC, [Scope.INCIDENTS_READ]);
    let contracts: string[];
    let perContract: string[];

    beforeAll(async () => {
      contracts = sut.contracts.addContracts(clientC, 50);
      // One incident on all 50 contracts, and one more on each contract.
      await reported(contracts);
      perContract = [];
      for (const contract of contracts) perContract.push(await reported([contract]));
    });

    /** Statements a request sent; the relay's own polling of the outbox runs beside it and is left out. */
    const statementsOf = async (query: string, variables: Record<string, unknown>, as: Principal) => {
      sut.queries.reset();
      const res = await sut.call(query, variables, as);
      expect(res.errors).toBeUndefined();
      return { res, statements: sut.queries.queries.filter((q) => !q.includes('outbox_event')).length };
    };

    it.each([
      ['staff', staffPrincipal(StaffRole.AUDITOR)],
      ['a partner', partnerC],
    ])('resolves Contract.incidents and Incident.contracts for 50 contracts in as many statements as for 5 (%s)', async (_who, as) => {
      const five = await statementsOf(CONTRACT_INCIDENTS, { r: contractRefs(contracts.slice(0, 5)), first: 5 }, as);
      const fifty = await statementsOf(CONTRACT_INCIDENTS, { r: contractRefs(contracts), first: 5 }, as);
      expect(fifty.statements).toBe(five.statements);
      expect(fifty.statements).toBeLessThanOrEqual(2);
      const pages = fifty.res.data?._entities as { id: string; incidents: Connection }[];
      expect(pages.map((p) => p.id)).toEqual(contracts);
      pages.forEach((page, i) => {
        expect(page.incidents.edges).toHaveLength(2);
        expect(page.incidents.edges[1]?.node.id).toBe(perContract[i]);
        expect(contractIdsOf(page.incidents.edges[0]?.node)).toHaveLength(50);
      });
    });

    it('resolves 50 Incident references in as many statements as 5', async () => {
      const refs = perContract.map((id) => ({ __typename: 'Incident', id }));
      const five = await statementsOf(INCIDENT_ENTITIES, { r: refs.slice(0, 5) }, partnerC);
      const fifty = await statementsOf(INCIDENT_ENTITIES, { r: refs }, partnerC);
      expect(fifty.statements).toBe(five.statements);
      expect((fifty.res.data?._entities as Node[]).map((n) => n.id)).toEqual(perContract);
    });
  });
});

/** Polls `probe` until it gives a value (the relay works beside the request), or fails after 10 s. */
const eventually = async <T>(probe: () => Promise<T | null | undefined>): Promise<T> => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
