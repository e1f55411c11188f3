/**
 * Client reports through the real seam: `client-report.requested` events enqueued by a real
 * producer on contracts' queue, recorded by contracts' own consumer; `clientReports` with due,
 * overdue and their filters judged on an injectable clock; the route the worker asks for a
 * report's webhook delivery.
 */
import { CredentialIssuer, ErrorCode, Scope, ServiceClient, StaffRole, TestClock, newId, type Principal } from '@azukari/common';
import { OutboxEventEntity, ProcessedEventEntity } from '@azukari/db';
import {
  ClientReportDeliveryOutcome,
  ClientReportRequested,
  createProducer,
  jobIdFor,
  type JobPayload,
  type Producer,
} from '@azukari/jobs';
import { WebhookDeliveryDetails } from '@azukari/routes';
import { asJob, capturedLogger, errorCodes, partnerPrincipal, staffPrincipal, testKeys, type Issuer, type LogLine } from '@azukari/testing';
import { ClientReportEntity } from '../src/client-report/client-report.entity';
import { ClientReportDeliveryEntity } from '../src/client-report/client-report-delivery.entity';
import { ClientReportService } from '../src/client-report/client-report.service';
import { bootContracts, type BootedContracts } from './boot';

const T0 = new Date('2026-04-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CREATE_CLIENT = `mutation ($input: CreateClientInput!) { createClient(input: $input) { client { id } webhookSecret } }`;
const REPORTS = `query ($clientId: ID, $delivered: Boolean, $overdue: Boolean) {
  clientReports(first: 100, clientId: $clientId, delivered: $delivered, overdue: $overdue) {
    edges { node { id clientId kind article subjectType subjectId contractIds dueAt overdue deliveryStatus attempts deliveredAt } }
  }
}`;

interface ReportNode {
  id: string;
  clientId: string;
  kind: string;
  article: string;
  subjectType: string;
  subjectId: string;
  contractIds: string[];
  dueAt: string;
  overdue: boolean;
  deliveryStatus: string;
  attempts: number;
  deliveredAt: string | null;
}

type Requested = JobPayload<typeof ClientReportRequested>;

describe('contracts: client reports', () => {
  let sut: BootedContracts;
  let incidents: Producer;
  let worker: Producer;
  const clock = new TestClock(T0);
  const captured = capturedLogger('contracts');
  const admin = staffPrincipal(StaffRole.ADMIN);
  let hooked: { id: string; secret: string };
  let silent: string;

  beforeAll(async () => {
    sut = await bootContracts({ clock, log: captured.log });
    const queues = { redisUrl: sut.app.deps.config.redisUrl, prefix: sut.app.deps.config.queuePrefix };
    incidents = createProducer('incidents', queues);
    worker = createProducer('worker', queues);
    hooked = await createClient('Webhook KK', 'https://hooks.example.jp/azukari');
    silent = (await createClient('No Channel KK', null)).id;
  });
  afterAll(async () => {
    await incidents.close();
    await worker.close();
    await sut.close();
  });
  beforeEach(() => clock.set(T0));

  async function createClient(name: string, webhookUrl: string | null): Promise<{ id: string; secret: string }> {
    const res = await sut.call(
      CREATE_CLIENT,
      { input: { name, address: '東京都千代田区', reportEmail: 'privacy@example.jp', webhookUrl } },
      admin,
    );
    expect(res.errors).toBeUndefined();
    return { id: res.data?.createClient.client.id, secret: res.data?.createClient.webhookSecret };
  }

  const requestFor = (clientId: string, dueAt: Date, overrides: Partial<Requested> = {}): Requested => ({
    clientId,
    contractIds: [newId(), newId()],
    article: 'Art 7.1',
    kind: 'incident.reported',
    subject: { type: 'Incident', id: newId() },
    facts: { severity: 'HIGH', recordsAffected: 12, categories: ['name', 'address'] },
    dueAt: dueAt.toISOString(),
    ...overrides,
  });
  /** Enqueues the request as incidents' relay would, and returns the envelope's event id. */
  const enqueue = async (request: Requested, eventId = newId(), trace: string | null = null): Promise<string> => {
    await incidents.enqueue(ClientReportRequested, { eventId, occurredAt: clock.now().toISOString(), trace, payload: request });
    return eventId;
  };
  const eventually = async <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const reportsAbout = async (subjectId: string) => await sut.app.deps.dataSource.manager.findBy(ClientReportEntity, { subjectId });
  const recordedReport = async (subjectId: string): Promise<ClientReportEntity> =>
    await eventually(`the report on ${subjectId}`, async () => (await reportsAbout(subjectId))[0]);
  const deliveryEventsOf = async (reportId: string) =>
    (await sut.app.deps.dataSource.manager.findBy(OutboxEventEntity, { type: 'client-report.deliver' })).filter(
      (e) => (JSON.parse(e.payload) as { reportId: string }).reportId === reportId,
    );
  const deliveriesOf = async (reportId: string) =>
    await sut.app.deps.dataSource.manager.find(ClientReportDeliveryEntity, { where: { reportId }, order: { id: 'ASC' } });
  const processed = async (jobId: string) => await sut.app.deps.dataSource.manager.existsBy(ProcessedEventEntity, { jobId });
  const reportService = () => new ClientReportService(sut.app.deps);
  /** The service as its consumers call it: inside the job's access context. */
  const service = () => ({
    record: async (...args: Parameters<ClientReportService['record']>) =>
      await asJob(ClientReportRequested.name, async () => await reportService().record(...args)),
    recordOutcome: async (...args: Parameters<ClientReportService['recordOutcome']>) =>
      await asJob(ClientReportDeliveryOutcome.name, async () => await reportService().recordOutcome(...args)),
  });
  const reports = async (as: Principal, variables: Record<string, unknown>): Promise<ReportNode[]> => {
    const res = await sut.call(REPORTS, variables, as);
    expect(res.errors).toBeUndefined();
    return (res.data?.clientReports.edges as { node: ReportNode }[]).map((e) => e.node);
  };
  const idsOf = (nodes: ReportNode[]) => nodes.map((n) => n.id).sort();

  describe('recorded from client-report.requested', () => {
    it('records a PENDING report and schedules its delivery by email and by webhook in the outbox, in one step', async () => {
      const trace = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      const request = requestFor(hooked.id, at(DAY));
      await enqueue(request, newId(), trace);
      const report = await recordedReport(request.subject.id);
      expect(report).toMatchObject({
        clientId: hooked.id,
        kind: 'incident.reported',
        article: 'Art 7.1',
        subjectType: 'Incident',
        subjectId: request.subject.id,
        deliveryStatus: 'PENDING',
        attempts: 0,
        deliveredAt: null,
        dueAt: at(DAY),
      });
      expect(JSON.parse(report.contractIds)).toEqual(request.contractIds);
      const rows = await deliveriesOf(report.id);
      expect(rows.map((d) => [d.channel, d.target, d.status]).sort()).toEqual([
        ['EMAIL', 'privacy@example.jp', 'PENDING'],
        ['WEBHOOK', 'https://hooks.example.jp/azukari', 'PENDING'],
      ]);
      const events = await deliveryEventsOf(report.id);
      expect(
        events.map((e) => JSON.parse(e.payload) as unknown).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      ).toEqual(
        rows
          .map((d) => ({ deliveryId: d.id, reportId: report.id, clientId: hooked.id, channel: d.channel, endpointId: d.endpointId }))
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      );
      expect(events.map((e) => e.trace)).toEqual([trace, trace]);
    });

    it('reports to a client without a webhook endpoint by email: it is never left untold', async () => {
      const request = requestFor(silent, at(DAY));
      await enqueue(request);
      const report = await recordedReport(request.subject.id);
      expect(report).toMatchObject({ clientId: silent, deliveryStatus: 'PENDING', deliveredAt: null });
      expect((await deliveriesOf(report.id)).map((d) => [d.channel, d.target])).toEqual([['EMAIL', 'privacy@example.jp']]);
      expect(await deliveryEventsOf(report.id)).toHaveLength(1);
    });

    it('records one report for an event enqueued twice, and one for an event redelivered to the service', async () => {
      const request = requestFor(hooked.id, at(DAY));
      const eventId = await enqueue(request);
      await enqueue(request, eventId);
      const jobId = jobIdFor('incidents', eventId);
      const report = await recordedReport(request.subject.id);
      await eventually('the event to be marked processed', async () => await processed(jobId));
      // Enqueued again after it was processed (the relay's retry of an add it thought had failed).
      await enqueue(request, eventId);
      // Redelivered to the service itself with the job id the consumer used (a stalled job taken up again).
      await expect(service().record(request, { jobId, occurredAt: T0.toISOString(), trace: null })).resolves.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await reportsAbout(request.subject.id)).map((r) => r.id)).toEqual([report.id]);
      expect(await deliveryEventsOf(report.id)).toHaveLength(2);
    });

    it('records nothing twice when the service is handed the same job twice', async () => {
      const request = requestFor(hooked.id, at(DAY));
      const event = { jobId: jobIdFor('incidents', newId()), occurredAt: T0.toISOString(), trace: null };
      const first = await service().record(request, event);
      expect(first).toEqual(expect.any(String));
      await expect(service().record(request, event)).resolves.toBeNull();
      expect((await reportsAbout(request.subject.id)).map((r) => r.id)).toEqual([first]);
      expect(await deliveryEventsOf(first!)).toHaveLength(2);
    });

    it('records nothing for an unknown client, and logs it as an error for the operator', async () => {
      const unknownClient = newId();
      const request = requestFor(unknownClient, at(DAY));
      const jobId = jobIdFor('incidents', await enqueue(request));
      const logged = await eventually('the error to be logged', async () =>
        captured.lines.find((l: LogLine) => l.msg === 'report names an unknown client' && l.jobId === jobId),
      );
      expect(logged).toMatchObject({ level: 50, clientId: unknownClient, kind: 'incident.reported' });
      expect(await reportsAbout(request.subject.id)).toEqual([]);
      // Retrying cannot make the client exist: the event is settled, not retried.
      expect(await processed(jobId)).toBe(true);
      expect(captured.lines.filter((l) => l.msg === 'job failed' && l.jobId === jobId)).toEqual([]);
    });
  });

  describe('clientReports: due, delivered and overdue on the clock', () => {
    let client: string;
    const ids: Record<'notYetDue' | 'pastDue' | 'deliveredEarly' | 'deliveredLate' | 'failed' | 'deliveredOnTheDot', string> = {} as never;
    let notYetDueRequest: Requested;

    /** Records a report due at `dueAt` and returns its id. */
    const report = async (dueAt: Date, overrides: Partial<Requested> = {}): Promise<string> => {
      const request = requestFor(client, dueAt, overrides);
      await enqueue(request);
      return (await recordedReport(request.subject.id)).id;
    };
    /** The worker's word on the first try of the report's one delivery (this client has email alone). */
    const outcome = async (reportId: string, status: 'DELIVERED' | 'FAILED', when: Date) => ({
      deliveryId: (await deliveriesOf(reportId))[0]!.id,
      reportId,
      channel: 'EMAIL' as const,
      status,
      attempt: 1,
      at: when.toISOString(),
      durationMs: 40,
      responseStatus: status === 'DELIVERED' ? 250 : 550,
      error: status === 'DELIVERED' ? null : 'the mail server answered 550',
      nextAttemptAt: null,
    });
    const asWorker = (jobId: string) => ({ jobId, occurredAt: T0.toISOString(), trace: null });

    beforeAll(async () => {
      client = (await createClient('Deadline KK', null)).id;
      notYetDueRequest = requestFor(client, at(2 * DAY), {
        article: 'Art 13.6',
        kind: 'contract.ended',
        subject: { type: 'Contract', id: newId() },
      });
      await enqueue(notYetDueRequest);
      ids.notYetDue = (await recordedReport(notYetDueRequest.subject.id)).id;
      ids.pastDue = await report(at(HOUR));
      ids.deliveredEarly = await report(at(2 * HOUR));
      ids.deliveredLate = await report(at(2 * HOUR));
      ids.failed = await report(at(HOUR));
      ids.deliveredOnTheDot = await report(at(3 * HOUR));
      await service().recordOutcome(await outcome(ids.deliveredEarly, 'DELIVERED', at(HOUR)), asWorker(jobIdFor('worker', newId())));
      await service().recordOutcome(await outcome(ids.failed, 'FAILED', at(HOUR)), asWorker(jobIdFor('worker', newId())));
      await service().recordOutcome(await outcome(ids.deliveredOnTheDot, 'DELIVERED', at(3 * HOUR)), asWorker(jobIdFor('worker', newId())));
      // The late delivery arrives as the worker sends it: on the results queue, to contracts' consumer.
      await worker.enqueue(ClientReportDeliveryOutcome, {
        eventId: newId(),
        occurredAt: at(5 * HOUR).toISOString(),
        trace: null,
        payload: await outcome(ids.deliveredLate, 'DELIVERED', at(5 * HOUR)),
      });
      await eventually('the late delivery to be recorded', async () => {
        const row = await sut.app.deps.dataSource.manager.findOneBy(ClientReportEntity, { id: ids.deliveredLate });
        return row?.deliveredAt;
      });
    });

    it('shows what was reported, about what, and when it was due', async () => {
      clock.set(at(DAY));
      const [node] = (await reports(admin, { clientId: client })).filter((n) => n.id === ids.notYetDue);
      expect(node).toEqual({
        id: ids.notYetDue,
        clientId: client,
        kind: 'contract.ended',
        article: 'Art 13.6',
        subjectType: 'Contract',
        subjectId: notYetDueRequest.subject.id,
        contractIds: notYetDueRequest.contractIds,
        dueAt: at(2 * DAY).toISOString(),
        overdue: false,
        deliveryStatus: 'PENDING',
        attempts: 0,
        deliveredAt: null,
      });
    });

    it('judges overdue on the clock: undelivered past due, or delivered after it', async () => {
      clock.set(at(DAY));
      const byId = new Map((await reports(admin, { clientId: client })).map((n) => [n.id, n]));
      expect(byId.size).toBe(6);
      expect(byId.get(ids.notYetDue)).toMatchObject({ overdue: false, deliveredAt: null });
      expect(byId.get(ids.pastDue)).toMatchObject({ overdue: true, deliveredAt: null, deliveryStatus: 'PENDING' });
      expect(byId.get(ids.deliveredEarly)).toMatchObject({
        overdue: false,
        deliveryStatus: 'DELIVERED',
        deliveredAt: at(HOUR).toISOString(),
      });
      expect(byId.get(ids.deliveredLate)).toMatchObject({
        overdue: true,
        deliveryStatus: 'DELIVERED',
        deliveredAt: at(5 * HOUR).toISOString(),
      });
      expect(byId.get(ids.failed)).toMatchObject({ overdue: true, deliveryStatus: 'FAILED', deliveredAt: null });
      expect(byId.get(ids.deliveredOnTheDot)).toMatchObject({ overdue: false, deliveryStatus: 'DELIVERED' });

      // Before anything was due nothing undelivered is overdue; a delivery's lateness never changes.
      clock.set(at(30 * 60_000));
      const early = new Map((await reports(admin, { clientId: client })).map((n) => [n.id, n.overdue]));
      expect(early.get(ids.pastDue)).toBe(false);
      expect(early.get(ids.failed)).toBe(false);
      expect(early.get(ids.deliveredLate)).toBe(true);
      // Exactly at its due time a report is not yet overdue; a moment later it is.
      clock.set(at(2 * DAY));
      expect((await reports(admin, { clientId: client })).find((n) => n.id === ids.notYetDue)?.overdue).toBe(false);
      clock.set(at(2 * DAY + 1));
      expect((await reports(admin, { clientId: client })).find((n) => n.id === ids.notYetDue)?.overdue).toBe(true);
    });

    it('filters on delivered and overdue with the same rule as the field', async () => {
      clock.set(at(DAY));
      const filtered = async (variables: Record<string, unknown>) => idsOf(await reports(admin, { clientId: client, ...variables }));
      expect(await filtered({ delivered: true })).toEqual([ids.deliveredEarly, ids.deliveredLate, ids.deliveredOnTheDot].sort());
      expect(await filtered({ delivered: false })).toEqual([ids.notYetDue, ids.pastDue, ids.failed].sort());
      expect(await filtered({ overdue: true })).toEqual([ids.pastDue, ids.deliveredLate, ids.failed].sort());
      expect(await filtered({ overdue: false })).toEqual([ids.notYetDue, ids.deliveredEarly, ids.deliveredOnTheDot].sort());
      expect(await filtered({ delivered: false, overdue: true })).toEqual([ids.pastDue, ids.failed].sort());
      expect(await filtered({ delivered: true, overdue: false })).toEqual([ids.deliveredEarly, ids.deliveredOnTheDot].sort());

      // The filter moves with the clock, as the field does.
      clock.set(at(3 * DAY));
      expect(await filtered({ overdue: false })).toEqual([ids.deliveredEarly, ids.deliveredOnTheDot].sort());
      for (const overdue of [true, false]) {
        for (const node of await reports(admin, { clientId: client, overdue })) expect(node.overdue).toBe(overdue);
      }
    });

    it('keeps a delivery when a late failure for it arrives', async () => {
      await service().recordOutcome(
        { ...(await outcome(ids.deliveredEarly, 'FAILED', at(6 * HOUR))), attempt: 2 },
        asWorker(jobIdFor('worker', newId())),
      );
      const row = await sut.app.deps.dataSource.manager.findOneByOrFail(ClientReportEntity, { id: ids.deliveredEarly });
      expect(row).toMatchObject({ deliveryStatus: 'DELIVERED', deliveredAt: at(HOUR) });
    });
  });

  describe('clientReports for a partner', () => {
    let own: string;
    let other: string;
    const ownReports: string[] = [];
    const otherReports: string[] = [];

    beforeAll(async () => {
      own = (await createClient('Partner Own KK', null)).id;
      other = (await createClient('Partner Other KK', null)).id;
      for (const [clientId, into, dueAt] of [
        [own, ownReports, at(HOUR)],
        [own, ownReports, at(2 * DAY)],
        [other, otherReports, at(HOUR)],
        [other, otherReports, at(2 * DAY)],
      ] as const) {
        const request = requestFor(clientId, dueAt);
        await enqueue(request);
        into.push((await recordedReport(request.subject.id)).id);
      }
    });

    it("shows a partner with contracts:read only its own client's reports, whatever clientId it passes", async () => {
      clock.set(at(DAY));
      const partner = partnerPrincipal(own, [Scope.CONTRACTS_READ]);
      const all = await reports(partner, {});
      expect(all.length).toBeGreaterThan(0);
      expect(new Set(all.map((n) => n.clientId))).toEqual(new Set([own]));
      expect(idsOf(all)).toEqual([...ownReports].sort());
      expect(await reports(partner, { clientId: other })).toEqual([]);
      expect(idsOf(await reports(partner, { clientId: own }))).toEqual([...ownReports].sort());
      expect(idsOf(await reports(partner, { clientId: other, overdue: true }))).toEqual([]);
      expect(idsOf(await reports(partner, { overdue: true }))).toEqual([ownReports[0]]);
      expect(idsOf(await reports(partner, { delivered: false }))).toEqual([...ownReports].sort());
      // The operator sees the other client's reports, so their absence above is the scope's doing.
      expect(idsOf(await reports(admin, { clientId: other }))).toEqual([...otherReports].sort());
    });

    it('refuses a partner without contracts:read', async () => {
      const res = await sut.call(REPORTS, {}, partnerPrincipal(own, [Scope.CUSTODY_READ]));
      expect(errorCodes(res)).toEqual([ErrorCode.FORBIDDEN]);
      expect(res.data?.clientReports ?? null).toBeNull();
    });
  });

  describe('POST /internal/deliveries/webhook', () => {
    let reportId: string;
    let deliveryId: string;
    let request: Requested;
    let occurredAt: string;
    let emailDelivery: string;

    /** POST as `issuer`, signed for contracts, as the worker's ServiceClient would. */
    const post = async (issuer: Issuer, body: unknown) => {
      const keys = await testKeys();
      const token = await new CredentialIssuer(issuer, keys.privateKey(issuer)).sign('contracts', { caller: null });
      const response = await fetch(`${sut.app.url}/internal/deliveries/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
    };

    beforeAll(async () => {
      clock.set(at(7 * HOUR));
      occurredAt = clock.now().toISOString();
      request = requestFor(hooked.id, at(DAY), { facts: { incidentCode: 'INC-7', recordsAffected: 3 } });
      await enqueue(request);
      reportId = (await recordedReport(request.subject.id)).id;
      deliveryId = (await deliveriesOf(reportId)).find((d) => d.channel === 'WEBHOOK')!.id;
      const noChannel = requestFor(silent, at(DAY));
      await enqueue(noChannel);
      emailDelivery = (await deliveriesOf((await recordedReport(noChannel.subject.id)).id))[0]!.id;
    });

    it('answers the worker with the endpoint, the secret that signs now and the body fixed at recording', async () => {
      const keys = await testKeys();
      const client = new ServiceClient(new CredentialIssuer('worker', keys.privateKey('worker')), { contracts: sut.app.url });
      const details = await client.call(WebhookDeliveryDetails, { deliveryId }, null);
      expect(details).toEqual({
        reportId,
        endpointId: expect.any(String),
        url: 'https://hooks.example.jp/azukari',
        secrets: [hooked.secret],
        body: expect.any(String),
      });
      expect(JSON.parse(details.body)).toEqual({
        type: 'incident.reported',
        reportId,
        clientId: hooked.id,
        article: 'Art 7.1',
        subject: request.subject,
        contractIds: request.contractIds,
        occurredAt,
        dueAt: request.dueAt,
        data: { incidentCode: 'INC-7', recordsAffected: 3 },
      });
      // Every redelivery sends the same bytes.
      expect((await client.call(WebhookDeliveryDetails, { deliveryId }, null)).body).toBe(details.body);
    });

    it('refuses every other service with 403 FORBIDDEN, and reveals nothing', async () => {
      for (const issuer of ['incidents', 'custody', 'personnel', 'gateway', 'contracts'] as const) {
        const res = await post(issuer, { deliveryId });
        expect(res.status).toBe(403);
        expect(res.body.error?.code).toBe(ErrorCode.FORBIDDEN);
        expect(JSON.stringify(res.body)).not.toContain(hooked.secret);
        expect(JSON.stringify(res.body)).not.toContain('hooks.example.jp');
      }
    });

    it('refuses a malformed delivery id with 400 BAD_USER_INPUT naming the field', async () => {
      for (const body of [{ deliveryId: 'delivery-1' }, { deliveryId: 42 }, {}]) {
        const res = await post('worker', body);
        expect(res.status).toBe(400);
        expect(res.body.error?.code).toBe(ErrorCode.BAD_USER_INPUT);
        expect(res.body.error?.message).toMatch(/^deliveryId: /);
      }
    });

    it('answers NOT_FOUND for an unknown delivery and for a delivery by email', async () => {
      expect(await post('worker', { deliveryId: newId() })).toMatchObject({ status: 404, body: { error: { code: ErrorCode.NOT_FOUND } } });
      expect(await post('worker', { deliveryId: emailDelivery })).toMatchObject({
        status: 404,
        body: { error: { code: ErrorCode.NOT_FOUND } },
      });
    });
  });
});
