/**
 * The migration to delivery channels carries what was written before it: a client's webhook becomes
 * its first endpoint (the same sealed secret), each webhook report its delivery in the state it had,
 * and a report recorded as NO_CHANNEL, never told, goes by email now; every delivery still pending
 * is handed to the worker afresh through the outbox.
 */
import { newId } from '@azukari/common';
import { testResources } from '@azukari/testing';
import { contractsDataSource } from '../src/data-source';

describe('migration DeliveryChannels', () => {
  const resources = testResources();
  afterAll(async () => await resources.cleanup());

  it('carries clients, webhook reports and unreported ones over, and queues what is pending', async () => {
    await resources.create(['contracts']);
    const source = contractsDataSource(resources.databaseUrl('contracts'));
    await source.initialize();
    try {
      await source.runMigrations({ transaction: 'each' });
      // ARRANGE: the schema and rows as they were before.
      const applied = async () =>
        Number(
          ((await source.query(`SELECT COUNT(*) AS n FROM typeorm_migrations WHERE name LIKE 'DeliveryChannels%'`)) as { n: number }[])[0]!
            .n,
        );
      while ((await applied()) > 0) await source.undoLastMigration({ transaction: 'each' });
      const sql = async (statement: string, parameters: unknown[] = []) => await source.query(statement, parameters);
      const hooked = newId();
      const plain = newId();
      const now = '2026-04-01 00:00:00.000';
      const client = `INSERT INTO client (id, name, address, reportEmail, webhookUrl, webhookSecretSealed, createdAt, updatedAt) VALUES (?, ?, '東京都', ?, ?, ?, ?, ?)`;
      await sql(client, [hooked, 'Hooked KK', 'hooked@example.jp', 'https://hooks.example.jp/a', 'v1.sealed', now, now]);
      await sql(client, [plain, 'Plain KK', 'plain@example.jp', null, null, now, now]);
      const report = `INSERT INTO client_report (id, clientId, kind, article, subjectType, subjectId, contractIds, dueAt, sourceJobId, body, channel, deliveryStatus, attempts, lastResponseStatus, lastError, deliveredAt, createdAt, updatedAt) VALUES (?, ?, 'incident.reported', 'Art 7.1', 'Incident', ?, '[]', ?, ?, '{}', ?, ?, ?, ?, NULL, ?, ?, ?)`;
      const delivered = newId();
      const pending = newId();
      const unreported = newId();
      await sql(report, [delivered, hooked, newId(), now, `j-${newId()}`, 'WEBHOOK', 'DELIVERED', 1, 204, now, now, now]);
      await sql(report, [pending, hooked, newId(), now, `j-${newId()}`, 'WEBHOOK', 'PENDING', 3, 503, null, now, now]);
      await sql(report, [unreported, plain, newId(), now, `j-${newId()}`, 'NONE', 'NO_CHANNEL', 0, null, null, now, now]);

      // ACT
      await source.runMigrations({ transaction: 'each' });

      // ASSERT
      const endpoints = await sql('SELECT clientId, url, kinds, enabled, secretSealed FROM webhook_endpoint');
      expect(endpoints).toEqual([
        { clientId: hooked, url: 'https://hooks.example.jp/a', kinds: null, enabled: 1, secretSealed: 'v1.sealed' },
      ]);
      const deliveries = (await sql('SELECT id, reportId, channel, target, status, attempts FROM client_report_delivery')) as {
        id: string;
        reportId: string;
      }[];
      const byReport = new Map(deliveries.map((d) => [d.reportId, d]));
      expect(byReport.get(delivered)).toMatchObject({
        channel: 'WEBHOOK',
        target: 'https://hooks.example.jp/a',
        status: 'DELIVERED',
        attempts: 1,
      });
      expect(byReport.get(pending)).toMatchObject({ channel: 'WEBHOOK', status: 'PENDING', attempts: 3 });
      expect(byReport.get(unreported)).toMatchObject({ channel: 'EMAIL', target: 'plain@example.jp', status: 'PENDING' });
      expect(await sql('SELECT deliveryStatus FROM client_report WHERE id = ?', [unreported])).toEqual([{ deliveryStatus: 'PENDING' }]);
      const queued = (await sql(`SELECT payload FROM outbox_event WHERE type = 'client-report.deliver'`)) as { payload: string }[];
      expect(
        queued
          .map((e) => JSON.parse(e.payload) as { reportId: string })
          .map((p) => p.reportId)
          .sort(),
      ).toEqual([pending, unreported].sort());
      expect(JSON.parse(queued.find((e) => e.payload.includes(unreported))!.payload)).toEqual({
        deliveryId: byReport.get(unreported)!.id,
        reportId: unreported,
        clientId: plain,
        channel: 'EMAIL',
        endpointId: null,
      });
    } finally {
      await source.destroy();
    }
  });
});
