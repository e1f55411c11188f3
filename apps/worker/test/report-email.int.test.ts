/**
 * Report emails through the real path: composed, sent by the mailer over SMTP to a real SMTP
 * server in this process, parsed as a mail client would, and read back header by header and body
 * by body. Failures are the server's own answers (550, 451), a closed port and a silent server.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startSmtpReceiver, type ReceivedMail, type SmtpReceiver } from '@azukari/testing';
import { loadMailConfig, type MailConfig } from '../src/config';
import { composeEndpointDisabledEmail } from '../src/email/endpoint-disabled-email';
import { MailDeliveryError, MailFailureCode } from '../src/email/mail.errors';
import { createMailer, type Mailer } from '../src/email/mailer';
import { composeReportEmail, parseReportBody, reportApiLink, type ReportBody } from '../src/email/report-email';

const PUBLIC_URL = 'https://api.azukari.test';
const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quoted"\nForged: line';

/** A report body exactly as contracts writes it (ClientReportService.record). */
const reportBody = (reportId: string): string =>
  JSON.stringify({
    type: 'incident.reported',
    reportId,
    clientId: '0b7e7c1e-2a43-4b6e-9d59-3f1f0c3a9a01',
    article: 'Art 7.1',
    subject: { type: 'Incident', id: '5d1c2b8a-7f0e-4c1d-8a3b-9e2f4d6c8b10' },
    contractIds: ['a1f0c7e2-3b4d-4e5f-8a9b-0c1d2e3f4a5b', 'b2e1d8f3-4c5e-4f60-9bac-1d2e3f4a5b6c'],
    occurredAt: '2025-04-01T09:31:00.000Z',
    dueAt: '2025-04-02T09:31:00.000Z',
    data: {
      incidentId: '5d1c2b8a-7f0e-4c1d-8a3b-9e2f4d6c8b10',
      kind: 'LEAK',
      certainty: 'SUSPECTED',
      detectedAt: '2025-04-01T09:30:05.000Z',
      recordCount: 42,
      contained: false,
      closedAt: null,
      systemCodes: ['CRM-1', 'MAIL-2'],
      note: HOSTILE,
    },
  });

const REPORT_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

const freePort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

const configFor = (smtpUrl: string, overrides: Partial<MailConfig> = {}): MailConfig => ({
  ...loadMailConfig({
    AZUKARI_SMTP_URL: smtpUrl,
    AZUKARI_MAIL_FROM: 'Azukari Reports <reports@azukari.test>',
    AZUKARI_PUBLIC_URL: PUBLIC_URL,
  }),
  ...overrides,
});

const failureOf = async (promise: Promise<unknown>): Promise<MailDeliveryError> => {
  const error = await promise.then(
    () => {
      throw new Error('the send succeeded');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MailDeliveryError);
  return error as MailDeliveryError;
};

describe('report email over SMTP', () => {
  let receiver: SmtpReceiver;
  let mailer: Mailer;
  let report: ReportBody;

  beforeAll(async () => {
    receiver = await startSmtpReceiver();
    mailer = createMailer(configFor(receiver.url));
    report = parseReportBody(reportBody(REPORT_ID));
  });
  afterAll(async () => {
    mailer.close();
    await receiver.close();
  });

  const sendAndReceive = async (to: string, language: 'ja' | 'en', clientName: string): Promise<ReceivedMail> => {
    const before = receiver.messages.length;
    const sent = await mailer.send(to, composeReportEmail({ report, clientName, language, publicUrl: PUBLIC_URL }));
    expect(sent.response).toMatch(/^250 /);
    expect(sent.accepted).toEqual([to]);
    const received = await receiver.waitFor(before + 1);
    return received[before]!;
  };

  it('delivers a Japanese report: encoded Japanese subject, both bodies in Japanese, every fact, the link, escaped', async () => {
    const mail = await sendAndReceive('houkoku@client.example', 'ja', '株式会社サンプル');

    // ASSERT: the headers a mailbox shows, and the ones a receiver counts by.
    expect(mail.parsed.from?.value).toEqual([{ name: 'Azukari Reports', address: 'reports@azukari.test' }]);
    expect(mail.to).toBe('houkoku@client.example');
    expect(mail.envelope).toEqual({ from: 'reports@azukari.test', to: ['houkoku@client.example'] });
    expect(mail.subject).toBe('【Azukari】第7条第1項：漏えい等事案の発生（株式会社サンプル 御中）');
    // On the wire the subject is an RFC 2047 encoded word: no raw UTF-8 in a header.
    expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    expect(mail.messageId).toBe(`<${REPORT_ID}@azukari.test>`);
    expect(mail.header('x-azukari-report-id')).toBe(REPORT_ID);
    expect(mail.header('auto-submitted')).toBe('auto-generated');
    expect(mail.header('content-language')).toBe('ja');
    expect(mail.header('list-unsubscribe')).toBeUndefined();

    // Both bodies, in Japanese.
    const html = mail.html!;
    expect(html).toContain('<html lang="ja">');
    for (const body of [mail.text, html]) {
      expect(body).toContain('株式会社サンプル 御中');
      expect(body).toContain('個人情報取扱規程 第7条第1項（漏えい等事案（そのおそれを含む）の報告）に基づき');
      expect(body).toContain('報告期限');
      // Times in Tokyo, the zone stated.
      expect(body).toContain('2025年04月01日 18:30:05（日本時間 UTC+9）'); // detectedAt 09:30:05Z
      expect(body).toContain('2025年04月02日 18:31:00（日本時間 UTC+9）'); // dueAt
      expect(body).toContain(REPORT_ID);
    }

    // Every fact, labelled, none missing.
    for (const line of [
      '事案ID: 5d1c2b8a-7f0e-4c1d-8a3b-9e2f4d6c8b10',
      '種別: LEAK',
      '確度: SUSPECTED',
      '検知日時: 2025年04月01日 18:30:05（日本時間 UTC+9）',
      'Record count: 42',
      'Contained: いいえ',
      '終了日時: なし',
      'System codes: CRM-1、MAIL-2',
    ]) {
      expect(mail.text).toContain(line);
    }
    expect(Object.keys(report.data).length).toBe(9);

    // The link to the report through the API, in both bodies.
    const link = reportApiLink(PUBLIC_URL, report.clientId);
    expect(link.startsWith(`${PUBLIC_URL}/graphql?query=`)).toBe(true);
    expect(mail.text).toContain(link);
    expect(html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);

    // The hostile fact: escaped in HTML, on one line in text (it cannot forge a line).
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/);
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; Forged: line',
    );
    expect(mail.text).toContain('Note: <script>alert("x")</script><img src=x onerror=alert(1)> & "quoted" Forged: line');
    expect(mail.text).not.toMatch(/^Forged:/m);

    // Nothing fetched from elsewhere: no image, script, stylesheet or frame; the only URL is the link.
    expect(html).not.toMatch(/<(img|script|link|iframe|object|embed)\b/i);
    expect(html.match(/https?:\/\/[^\s"<]+/g)?.every((url) => url.startsWith(`${PUBLIC_URL}/graphql`))).toBe(true);
  });

  it('delivers an English report with the same facts, and UTF-8 intact', async () => {
    const mail = await sendAndReceive('reports@client.example', 'en', 'Sample K.K. (サンプル)');

    expect(mail.subject).toBe('[Azukari] Article 7.1: Leakage incident reported (Sample K.K. (サンプル))');
    expect(mail.messageId).toBe(`<${REPORT_ID}@azukari.test>`);
    expect(mail.header('content-language')).toBe('en');
    expect(mail.html).toContain('<html lang="en">');
    for (const body of [mail.text, mail.html!]) {
      expect(body).toContain('To Sample K.K. (サンプル)');
      expect(body).toContain(
        'Under Article 7.1 of the Personal Information Processing Regulations (Leakage incident, or the possibility of one)',
      );
      expect(body).toContain('2025-04-01 18:30:05 JST (UTC+9)');
    }
    for (const line of [
      'Incident id: 5d1c2b8a-7f0e-4c1d-8a3b-9e2f4d6c8b10',
      'Kind: LEAK',
      'Certainty: SUSPECTED',
      'Detected at: 2025-04-01 18:30:05 JST (UTC+9)',
      'Record count: 42',
      'Contained: no',
      'Closed at: none',
      'System codes: CRM-1, MAIL-2',
    ]) {
      expect(mail.text).toContain(line);
    }
    expect(mail.text).toContain(reportApiLink(PUBLIC_URL, report.clientId));
  });

  it('sends a re-sent report under the same Message-ID, so the receiver counts it once', async () => {
    const email = composeReportEmail({ report, clientName: 'Sample', language: 'en', publicUrl: PUBLIC_URL });
    const before = receiver.countBy('message-id').get(`<${REPORT_ID}@azukari.test>`) ?? 0;
    await mailer.send('reports@client.example', email);
    await mailer.send('reports@client.example', email);
    expect(receiver.countBy('message-id').get(`<${REPORT_ID}@azukari.test>`)).toBe(before + 2);
    expect(new Set(receiver.messages.map((m) => m.header('x-azukari-report-id')))).toEqual(new Set([REPORT_ID]));
  });

  it('sends the notice of a disabled endpoint: which endpoint, when, without its query string', async () => {
    const before = receiver.messages.length;
    const email = composeEndpointDisabledEmail({
      noticeId: 'endpoint-disabled.4a5b6c7d',
      clientName: '株式会社サンプル',
      language: 'ja',
      endpointId: '4a5b6c7d-0000-4000-8000-000000000001',
      endpointUrl: 'https://hooks.client.example/azukari?token=secret-in-url',
      disabledAt: new Date('2025-04-01T15:00:00.000Z'),
      reportId: REPORT_ID,
      publicUrl: PUBLIC_URL,
    });
    await mailer.send('houkoku@client.example', email);
    const mail = (await receiver.waitFor(before + 1))[before]!;

    expect(mail.subject).toBe('【Azukari】Webhook エンドポイントを無効にしました（株式会社サンプル 御中）');
    expect(mail.messageId).toBe('<endpoint-disabled.4a5b6c7d@azukari.test>');
    expect(mail.header('x-azukari-report-id')).toBeUndefined();
    for (const body of [mail.text, mail.html!]) {
      expect(body).toContain('https://hooks.client.example/azukari?…');
      expect(body).toContain('410 Gone');
      expect(body).toContain('2025年04月02日 00:00:00（日本時間 UTC+9）');
      expect(body).toContain('API で有効に戻してください');
      expect(body).not.toContain('secret-in-url');
    }
  });

  it('raises a permanent error on a 5xx answer and a transient one on a 4xx, and goes on sending', async () => {
    const email = composeReportEmail({ report, clientName: 'Sample', language: 'en', publicUrl: PUBLIC_URL });

    receiver.refuseNext(1, { code: 550, message: '5.1.1 No such mailbox', at: 'rcpt' });
    const rejected = await failureOf(mailer.send('nobody@client.example', email));
    expect(rejected).toMatchObject({ permanent: true, code: MailFailureCode.REJECTED, responseCode: 550 });
    expect(rejected.response).toContain('No such mailbox');

    receiver.refuseNext(1, { code: 554, message: '5.7.1 Message refused', at: 'data' });
    expect(await failureOf(mailer.send('reports@client.example', email))).toMatchObject({ permanent: true, responseCode: 554 });

    receiver.refuseNext(1, { code: 451, message: '4.7.1 Greylisted, try again later', at: 'rcpt' });
    expect(await failureOf(mailer.send('reports@client.example', email))).toMatchObject({
      permanent: false,
      code: MailFailureCode.DEFERRED,
      responseCode: 451,
    });

    receiver.refuseNext(1, { code: 452, message: '4.3.1 Insufficient storage', at: 'data' });
    expect(await failureOf(mailer.send('reports@client.example', email))).toMatchObject({ permanent: false, responseCode: 452 });

    // The pool recovers: the next message goes through.
    const before = receiver.messages.length;
    await mailer.send('reports@client.example', email);
    expect(receiver.messages.length).toBe(before + 1);
    expect(receiver.refused).toBe(4);
  });
});

describe('report email: an SMTP server that cannot be reached', () => {
  it('raises a transient error when the connection is refused', async () => {
    const mailer = createMailer(configFor(`smtp://127.0.0.1:${await freePort()}`, { timeoutMs: 2_000 }));
    try {
      const report = parseReportBody(reportBody(REPORT_ID));
      const error = await failureOf(
        mailer.send('reports@client.example', composeReportEmail({ report, clientName: 'Sample', language: 'en', publicUrl: PUBLIC_URL })),
      );
      expect(error).toMatchObject({ permanent: false, code: MailFailureCode.UNREACHABLE, responseCode: null });
      expect(error.message).toMatch(/ECONNREFUSED/);
      await expect(mailer.verify()).rejects.toMatchObject({ permanent: false, code: MailFailureCode.UNREACHABLE });
    } finally {
      mailer.close();
    }
  });

  it('raises a transient timeout when the server never answers the message', async () => {
    const receiver = await startSmtpReceiver();
    const mailer = createMailer(configFor(receiver.url, { timeoutMs: 1_000 }));
    try {
      receiver.stallNext(1);
      const report = parseReportBody(reportBody(REPORT_ID));
      const started = Date.now();
      const error = await failureOf(
        mailer.send('reports@client.example', composeReportEmail({ report, clientName: 'Sample', language: 'en', publicUrl: PUBLIC_URL })),
      );
      expect(error).toMatchObject({ permanent: false, code: MailFailureCode.TIMEOUT });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      mailer.close();
      await receiver.close();
    }
  });

  it('authenticates with the credentials of an smtp URL, which logs never show', async () => {
    const receiver = await startSmtpReceiver();
    const url = receiver.url.replace('smtp://', 'smtp://relay-user:p%40ss@');
    const mailer = createMailer(configFor(url));
    try {
      expect(mailer.server).toBe(`smtp://127.0.0.1:${receiver.port}`);
      const report = parseReportBody(reportBody(REPORT_ID));
      await mailer.send(
        'reports@client.example',
        composeReportEmail({ report, clientName: 'Sample', language: 'en', publicUrl: PUBLIC_URL }),
      );
      expect((await receiver.waitFor(1))[0]!.authUser).toBe('relay-user');
    } finally {
      mailer.close();
      await receiver.close();
    }
  });
});
