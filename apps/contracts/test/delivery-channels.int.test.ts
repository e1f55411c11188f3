/**
 * How reports reach a client, through contracts' GraphQL and its consumer: webhook endpoints a
 * partner manages (kinds, enabled, secrets rotated with an overlap), the channels chosen per kind
 * of report, every try's outcome kept, a 410 that disables an endpoint and tells the client, and
 * redelivery of what failed. Refusals write nothing.
 */
import { CredentialIssuer, ErrorCode, Scope, ServiceClient, StaffRole, TestClock, newId, type Principal } from '@azukari/common';
import { OutboxEventEntity } from '@azukari/db';
import { ClientReportDeliveryOutcome, ClientReportRequested, OverdueClientReportsDue, jobIdFor, type JobPayload } from '@azukari/jobs';
import { WebhookDeliveryDetails } from '@azukari/routes';
import { asJob, errorCodes, partnerPrincipal, staffPrincipal, testKeys } from '@azukari/testing';
import { ClientReportDeliveryEntity } from '../src/client-report/client-report-delivery.entity';
import { ClientReportService } from '../src/client-report/client-report.service';
import { WebhookEndpointEntity } from '../src/webhook-endpoint/webhook-endpoint.entity';
import { bootContracts, type BootedContracts } from './boot';

const T0 = new Date('2026-04-01T00:00:00.000Z');
const MINUTE = 60_000;

const CREATE_CLIENT = `mutation ($input: CreateClientInput!) { createClient(input: $input) { client { id language } } }`;
const CREATE_ENDPOINT = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id clientId url kinds enabled disabledReason previousSecretExpiresAt } }
}`;
const UPDATE_ENDPOINT = `mutation ($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { id url kinds enabled disabledReason } }`;
const ROTATE = `mutation ($input: RotateWebhookSecretInput!) { rotateWebhookEndpointSecret(input: $input) { secret endpoint { id previousSecretExpiresAt } } }`;
const DELETE_ENDPOINT = `mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }`;
const ENDPOINTS = `query ($clientId: ID) { webhookEndpoints(clientId: $clientId) { edges { node { id clientId url enabled } } } }`;
const SET_CHANNELS = `mutation ($input: SetReportChannelsInput!) { setReportChannels(input: $input) { kind email webhook } }`;
const CHANNELS = `query ($clientId: ID) { reportChannels(clientId: $clientId) { kind email webhook } }`;
const REPORT = `query ($clientId: ID) { clientReports(clientId: $clientId) { edges { node { id deliveryStatus attempts deliveredAt escalatedAt
  deliveries { id channel target status attempts nextAttemptAt failedAt redeliveryOf attemptLog { attempt outcome responseStatus error nextAttemptAt } } } } } }`;
const REDELIVER = `mutation ($id: ID!) { redeliverClientReport(id: $id) { id deliveryStatus } }`;
const FAILED = `query ($clientId: ID) { clientReportDeliveries(clientId: $clientId, status: FAILED) { edges { node { id reportId channel } } } }`;

type Requested = JobPayload<typeof ClientReportRequested>;
type Outcome = JobPayload<typeof ClientReportDeliveryOutcome>;

describe('contracts: delivery channels', () => {
  let sut: BootedContracts;
  const clock = new TestClock(T0);
  const admin = staffPrincipal(StaffRole.ADMIN);
  const service = () => new ClientReportService(sut.app.deps);

  beforeAll(async () => {
    sut = await bootContracts({ clock });
  });
  afterAll(async () => await sut.close());
  beforeEach(() => clock.set(T0));

  const ok = async (query: string, variables: Record<string, unknown>, as: Principal) => {
    const res = await sut.call(query, variables, as);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const newClient = async (name: string, language?: 'EN' | 'JA'): Promise<string> =>
    (
      await ok(
        CREATE_CLIENT,
        { input: { name, address: '東京都港区', reportEmail: `Reports@${name.replace(/\W/g, '')}.example.jp`, language } },
        admin,
      )
    ).createClient.client.id;
  const record = async (clientId: string, kind = 'incident.reported'): Promise<string> => {
    const request: Requested = {
      clientId,
      contractIds: [newId()],
      article: 'Art 7.1',
      kind,
      subject: { type: 'Incident', id: newId() },
      facts: { recordCount: 2 },
      dueAt: T0.toISOString(),
    };
    const id = await asJob(
      ClientReportRequested.name,
      async () => await service().record(request, { jobId: jobIdFor('incidents', newId()), occurredAt: T0.toISOString(), trace: null }),
    );
    return id!;
  };
  const deliveriesOf = async (reportId: string) =>
    await sut.app.deps.dataSource.manager.find(ClientReportDeliveryEntity, { where: { reportId }, order: { id: 'ASC' } });
  const outcome = async (delivery: ClientReportDeliveryEntity, attempt: number, status: Outcome['status'], extra: Partial<Outcome> = {}) =>
    await asJob(
      ClientReportDeliveryOutcome.name,
      async () =>
        await service().recordOutcome(
          {
            deliveryId: delivery.id,
            reportId: delivery.reportId,
            channel: delivery.channel,
            status,
            attempt,
            at: clock.now().toISOString(),
            durationMs: 12,
            responseStatus: status === 'DELIVERED' ? 204 : status === 'GONE' ? 410 : 503,
            error: status === 'DELIVERED' ? null : `answered ${status === 'GONE' ? 410 : 503}`,
            nextAttemptAt: status === 'RETRYING' ? new Date(clock.now().getTime() + MINUTE).toISOString() : null,
            ...extra,
          },
          { jobId: jobIdFor('worker', newId()), occurredAt: clock.now().toISOString(), trace: null },
        ),
    );
  const reportNode = async (clientId: string, reportId: string, as: Principal = admin) =>
    ((await ok(REPORT, { clientId }, as)).clientReports.edges as { node: { id: string } & Record<string, any> }[]).find(
      (e) => e.node.id === reportId,
    )!.node;
  const endpointRows = async (clientId: string) => await sut.app.deps.dataSource.manager.findBy(WebhookEndpointEntity, { clientId });

  describe('webhook endpoints', () => {
    it('lets a partner with webhooks:write add, change, rotate and remove its own endpoints, and shows the secret once', async () => {
      const clientId = await newClient('Endpoint Owner KK');
      const partner = partnerPrincipal(clientId, [Scope.WEBHOOKS_WRITE, Scope.CONTRACTS_READ]);
      const created = (await ok(CREATE_ENDPOINT, { input: { url: 'https://hooks.example.jp/a', kinds: ['incident.reported'] } }, partner))
        .createWebhookEndpoint;
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(created.endpoint).toEqual({
        id: expect.any(String),
        clientId,
        url: 'https://hooks.example.jp/a',
        kinds: ['incident.reported'],
        enabled: true,
        disabledReason: null,
        previousSecretExpiresAt: null,
      });
      const id = created.endpoint.id as string;
      expect((await ok(ENDPOINTS, {}, partner)).webhookEndpoints.edges).toEqual([
        { node: { id, clientId, url: 'https://hooks.example.jp/a', enabled: true } },
      ]);
      expect(
        (await ok(UPDATE_ENDPOINT, { id, input: { url: 'https://hooks.example.jp/b', kinds: null, enabled: false } }, partner))
          .updateWebhookEndpoint,
      ).toEqual({ id, url: 'https://hooks.example.jp/b', kinds: null, enabled: false, disabledReason: null });

      // The route the worker asks: during the overlap both secrets sign; after it, the new one alone.
      const [row] = await endpointRows(clientId);
      await ok(UPDATE_ENDPOINT, { id, input: { enabled: true } }, partner);
      const rotated = (await ok(ROTATE, { input: { id, overlapMinutes: 60 } }, partner)).rotateWebhookEndpointSecret;
      expect(rotated.secret).not.toBe(created.secret);
      expect(rotated.endpoint.previousSecretExpiresAt).toBe(new Date(T0.getTime() + 60 * MINUTE).toISOString());
      const reportId = await record(clientId);
      const webhook = (await deliveriesOf(reportId)).find((d) => d.channel === 'WEBHOOK')!;
      const keys = await testKeys();
      const worker = new ServiceClient(new CredentialIssuer('worker', keys.privateKey('worker')), { contracts: sut.app.url });
      expect((await worker.call(WebhookDeliveryDetails, { deliveryId: webhook.id }, null)).secrets).toEqual([
        rotated.secret,
        created.secret,
      ]);
      clock.set(new Date(T0.getTime() + 61 * MINUTE));
      expect((await worker.call(WebhookDeliveryDetails, { deliveryId: webhook.id }, null)).secrets).toEqual([rotated.secret]);
      expect(row?.secretSealed).not.toContain(created.secret.slice(6, 20));

      expect((await ok(DELETE_ENDPOINT, { id }, partner)).deleteWebhookEndpoint).toEqual({ id });
      expect(await endpointRows(clientId)).toEqual([]);
    });

    it("refuses another client's endpoint as a missing one, a partner without webhooks:write, and bad URLs, writing nothing", async () => {
      const own = await newClient('Refusal Own KK');
      const other = await newClient('Refusal Other KK');
      const othersEndpoint = (await ok(CREATE_ENDPOINT, { input: { clientId: other, url: 'https://hooks.example.jp/other' } }, admin))
        .createWebhookEndpoint.endpoint.id;
      const partner = partnerPrincipal(own, [Scope.WEBHOOKS_WRITE, Scope.CONTRACTS_READ]);
      expect(errorCodes(await sut.call(UPDATE_ENDPOINT, { id: othersEndpoint, input: { enabled: false } }, partner))).toEqual([
        ErrorCode.NOT_FOUND,
      ]);
      expect(errorCodes(await sut.call(ROTATE, { input: { id: othersEndpoint } }, partner))).toEqual([ErrorCode.NOT_FOUND]);
      expect(errorCodes(await sut.call(CREATE_ENDPOINT, { input: { clientId: other, url: 'https://x.example.jp' } }, partner))).toEqual([
        ErrorCode.NOT_FOUND,
      ]);
      expect(
        errorCodes(
          await sut.call(CREATE_ENDPOINT, { input: { url: 'https://x.example.jp' } }, partnerPrincipal(own, [Scope.CONTRACTS_READ])),
        ),
      ).toEqual([ErrorCode.FORBIDDEN]);
      for (const input of [
        { url: 'http://hooks.example.jp/plain' },
        { url: 'https://user:pass@hooks.example.jp/' },
        { url: 'not a url' },
        { url: 'https://hooks.example.jp/', kinds: ['Incident Reported'] },
      ]) {
        expect(errorCodes(await sut.call(CREATE_ENDPOINT, { input }, partner))).toEqual([ErrorCode.BAD_USER_INPUT]);
      }
      expect(await endpointRows(own)).toEqual([]);
      expect((await endpointRows(other)).map((e) => e.enabled)).toEqual([true]);
    });
  });

  describe('channels per kind of report', () => {
    it('sends by email and by every endpoint for the kind unless the client chose otherwise, and never leaves a report untold', async () => {
      const clientId = await newClient('Channels KK');
      const partner = partnerPrincipal(clientId, [Scope.WEBHOOKS_WRITE, Scope.CONTRACTS_READ]);
      await ok(CREATE_ENDPOINT, { input: { url: 'https://hooks.example.jp/incidents', kinds: ['incident.reported'] } }, partner);
      await ok(CREATE_ENDPOINT, { input: { url: 'https://hooks.example.jp/all' } }, partner);
      const channels = async (kind: string) =>
        (await deliveriesOf(await record(clientId, kind))).map((d) => `${d.channel} ${d.target}`).sort();

      expect(await channels('incident.reported')).toEqual([
        'EMAIL reports@channelskk.example.jp',
        'WEBHOOK https://hooks.example.jp/all',
        'WEBHOOK https://hooks.example.jp/incidents',
      ]);
      expect(await channels('contract.ended')).toEqual(['EMAIL reports@channelskk.example.jp', 'WEBHOOK https://hooks.example.jp/all']);

      await ok(SET_CHANNELS, { input: { kind: 'incident.reported', email: false, webhook: true } }, partner);
      await ok(SET_CHANNELS, { input: { kind: '*', email: true, webhook: false } }, partner);
      expect(await channels('incident.reported')).toEqual([
        'WEBHOOK https://hooks.example.jp/all',
        'WEBHOOK https://hooks.example.jp/incidents',
      ]);
      expect(await channels('contract.ended')).toEqual(['EMAIL reports@channelskk.example.jp']);
      expect((await ok(CHANNELS, {}, partner)).reportChannels).toEqual([
        { kind: '*', email: true, webhook: false },
        { kind: 'incident.reported', email: false, webhook: true },
      ]);

      // Webhooks alone, but no enabled endpoint takes the kind: by email all the same.
      await ok(SET_CHANNELS, { input: { kind: 'contract.ended', email: false, webhook: true } }, partner);
      for (const { id } of await endpointRows(clientId)) await ok(UPDATE_ENDPOINT, { id, input: { enabled: false } }, partner);
      expect(await channels('contract.ended')).toEqual(['EMAIL reports@channelskk.example.jp']);

      expect(
        errorCodes(await sut.call(SET_CHANNELS, { input: { kind: 'contract.ended', email: false, webhook: false } }, partner)),
      ).toEqual([ErrorCode.BAD_USER_INPUT]);
      expect((await ok(CHANNELS, {}, partner)).reportChannels).toHaveLength(3);
    });
  });

  describe('outcomes, 410 and redelivery', () => {
    it('keeps every try, disables an endpoint that answered 410 and queues the email telling the client', async () => {
      const clientId = await newClient('Gone KK');
      const endpointId = (await ok(CREATE_ENDPOINT, { input: { clientId, url: 'https://hooks.example.jp/gone' } }, admin))
        .createWebhookEndpoint.endpoint.id;
      const reportId = await record(clientId);
      const [email, webhook] = (await deliveriesOf(reportId)).sort((a, b) => a.channel.localeCompare(b.channel));
      await outcome(webhook!, 1, 'RETRYING');
      clock.set(new Date(T0.getTime() + MINUTE));
      await outcome(webhook!, 2, 'GONE');
      await outcome(email!, 1, 'DELIVERED');

      const node = await reportNode(clientId, reportId);
      expect(node).toMatchObject({ deliveryStatus: 'DELIVERED', attempts: 3, deliveredAt: new Date(T0.getTime() + MINUTE).toISOString() });
      const byChannel = Object.fromEntries((node.deliveries as { channel: string }[]).map((d) => [d.channel, d]));
      expect(byChannel.WEBHOOK).toMatchObject({
        status: 'FAILED',
        attempts: 2,
        nextAttemptAt: null,
        attemptLog: [
          {
            attempt: 1,
            outcome: 'RETRYING',
            responseStatus: 503,
            error: 'answered 503',
            nextAttemptAt: new Date(T0.getTime() + MINUTE).toISOString(),
          },
          { attempt: 2, outcome: 'GONE', responseStatus: 410, error: 'answered 410', nextAttemptAt: null },
        ],
      });
      const [endpoint] = await endpointRows(clientId);
      expect(endpoint).toMatchObject({ id: endpointId, enabled: false, disabledReason: 'it answered 410 Gone' });
      const notices = await sut.app.deps.dataSource.manager.findBy(OutboxEventEntity, { type: 'webhook-endpoint.disabled-notice' });
      expect(notices.map((n) => JSON.parse(n.payload) as unknown)).toContainEqual({
        endpointId,
        clientId,
        disabledAt: new Date(T0.getTime() + MINUTE).toISOString(),
        reportId,
      });
      // A later report no longer goes to the disabled endpoint.
      expect((await deliveriesOf(await record(clientId))).map((d) => d.channel)).toEqual(['EMAIL']);
    });

    it('escalates a report still undelivered past its due time to staff, once, on the schedule', async () => {
      const clientId = await newClient('Overdue KK');
      const late = await record(clientId); // due at T0
      const onTime = await record(clientId);
      const [toDeliver] = await deliveriesOf(onTime);
      await outcome(toDeliver!, 1, 'DELIVERED');
      const escalate = async (occurrence: Date) =>
        await asJob(
          OverdueClientReportsDue.name,
          async () =>
            await service().escalateOverdue(occurrence.toISOString(), {
              jobId: jobIdFor('schedule', newId()),
              occurredAt: occurrence.toISOString(),
              trace: null,
            }),
        );
      // Exactly at its due time it is not overdue; a minute later it is, and escalated once.
      await escalate(T0);
      expect((await reportNode(clientId, late)).escalatedAt).toBeNull();
      await escalate(new Date(T0.getTime() + MINUTE));
      await escalate(new Date(T0.getTime() + 2 * MINUTE));
      expect((await reportNode(clientId, late)).escalatedAt).toBe(new Date(T0.getTime() + MINUTE).toISOString());
      expect((await reportNode(clientId, onTime)).escalatedAt).toBeNull();
    });

    it('sets a failed delivery aside, shows it to the partner, and redelivers it on request as a new delivery of the same report', async () => {
      const clientId = await newClient('Redeliver KK');
      const partner = partnerPrincipal(clientId, [Scope.WEBHOOKS_WRITE, Scope.CONTRACTS_READ]);
      await ok(SET_CHANNELS, { input: { kind: '*', email: true, webhook: false } }, partner);
      const reportId = await record(clientId);
      const [email] = await deliveriesOf(reportId);
      expect(errorCodes(await sut.call(REDELIVER, { id: reportId }, partner))).toEqual([ErrorCode.CONFLICT]);
      await outcome(email!, 24, 'FAILED');
      expect((await ok(FAILED, {}, partner)).clientReportDeliveries.edges).toEqual([
        { node: { id: email!.id, reportId, channel: 'EMAIL' } },
      ]);
      expect((await reportNode(clientId, reportId, partner)).deliveryStatus).toBe('FAILED');

      const before = (await sut.app.deps.dataSource.manager.findBy(OutboxEventEntity, { type: 'client-report.deliver' })).length;
      expect((await ok(REDELIVER, { id: reportId }, partner)).redeliverClientReport).toEqual({ id: reportId, deliveryStatus: 'PENDING' });
      const after = await deliveriesOf(reportId);
      expect(after.map((d) => [d.status, d.redeliveryOf])).toEqual([
        ['REDELIVERED', null],
        ['PENDING', email!.id],
      ]);
      expect((await sut.app.deps.dataSource.manager.findBy(OutboxEventEntity, { type: 'client-report.deliver' })).length).toBe(before + 1);
      expect((await ok(FAILED, {}, partner)).clientReportDeliveries.edges).toEqual([]);

      // Another client's report reads as a missing one, and nothing is queued for it.
      const stranger = partnerPrincipal(await newClient('Stranger KK'), [Scope.WEBHOOKS_WRITE, Scope.CONTRACTS_READ]);
      expect(errorCodes(await sut.call(REDELIVER, { id: reportId }, stranger))).toEqual([ErrorCode.NOT_FOUND]);
      expect(errorCodes(await sut.call(REDELIVER, { id: reportId }, partnerPrincipal(clientId, [Scope.CONTRACTS_READ])))).toEqual([
        ErrorCode.FORBIDDEN,
      ]);
      expect(await deliveriesOf(reportId)).toHaveLength(2);
    });
  });
});
