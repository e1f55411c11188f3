/**
 * Composition alone, without SMTP (test/report-email.int.test.ts sends): what a report of a kind
 * or article the wording does not know looks like, how facts read, and the mail settings.
 */
import { ConfigError } from '@azukari/common';
import { loadMailConfig } from '../config';
import { formatFact, humaniseKey } from './email-layout';
import { composeReportEmail, parseReportBody } from './report-email';
import { ARTICLE_WORDS } from './report-wording';
import { REPORT_ARTICLES } from '@azukari/jobs';

const body = (overrides: Record<string, unknown>) =>
  parseReportBody(
    JSON.stringify({
      type: 'incident.reported',
      reportId: 'r-1',
      clientId: 'c-1',
      article: 'Art 7.1',
      subject: { type: 'Incident', id: 'i-1' },
      contractIds: [],
      occurredAt: '2025-12-31T15:00:00.000Z',
      dueAt: '2026-01-01T15:00:00.000Z',
      data: {},
      ...overrides,
    }),
  );

describe('composeReportEmail', () => {
  it('titles every article that the job catalog lets a service report under, in both languages', () => {
    for (const article of REPORT_ARTICLES) {
      const words = ARTICLE_WORDS[article];
      expect(words).toBeDefined();
      for (const language of ['ja', 'en'] as const) {
        const email = composeReportEmail({
          report: body({ type: 'something.new', article }),
          clientName: 'C',
          language,
          publicUrl: 'http://x.test',
        });
        expect(email.subject).toContain(words!.article[language]);
        expect(email.subject).toContain(words!.duty[language]);
      }
    }
  });

  it('renders a kind and an article it does not know under a generic title, the kind still named', () => {
    const email = composeReportEmail({
      report: body({ type: 'disposal.certified', article: 'Art 99' }),
      clientName: 'Client',
      language: 'en',
      publicUrl: 'http://x.test',
    });
    expect(email.subject).toBe('[Azukari] Art 99: Report under the Regulations (Client)');
    expect(email.text).toContain('Under the Personal Information Processing Regulations (Art 99), we report the following.');
    expect(email.text).toContain('Kind: Report under the Regulations (disposal.certified)');
    expect(email.text).toContain('The report carries no facts.');
    expect(email.reportId).toBe('r-1');
    expect(email.id).toBe('r-1');
  });

  it('keeps a client name with a line break on one line of the subject', () => {
    const email = composeReportEmail({ report: body({}), clientName: 'Evil\r\nBcc: x@y.test', language: 'en', publicUrl: 'http://x.test' });
    expect(email.subject).toBe('[Azukari] Article 7.1: Leakage incident reported (Evil Bcc: x@y.test)');
  });

  it('shows the midnight of a new year in Tokyo, not in UTC', () => {
    const email = composeReportEmail({ report: body({}), clientName: 'C', language: 'en', publicUrl: 'http://x.test' });
    expect(email.text).toContain('Occurred at: 2026-01-01 00:00:00 JST (UTC+9)');
  });

  it("gives the recipient its own answer link, naming the answers the report's kind offers, its expiry and that opening records nothing", () => {
    const answerLink = {
      token: 'eyJhbGciOiJIUzI1NiJ9.e30.<sig>&"x"',
      expiresAt: new Date('2026-05-01T03:00:00.000Z'),
      answers: ['ACKNOWLEDGE', 'COMMENT', 'CHALLENGE'],
      to: 'dpo@client.example',
    };
    const en = composeReportEmail({ report: body({}), clientName: 'C', language: 'en', publicUrl: 'https://api.x.test', answerLink });
    const url = `https://api.x.test/report-link?token=${encodeURIComponent(answerLink.token)}`;
    expect(en.text).toContain(`  ${url}`);
    expect(en.text).toContain('answer it (Challenge (ask to discuss))');
    expect(en.text).toContain('for this email to dpo@client.example alone, answers once, and expires on 2026-05-01 12:00:00 JST (UTC+9)');
    expect(en.text).toContain('Opening it records nothing');
    // The token is escaped in the HTML like every value.
    expect(en.html).toContain(`href="${url.replace(/&/g, '&amp;')}"`);
    expect(en.html).not.toContain('<sig>');

    const ja = composeReportEmail({
      report: body({}),
      clientName: 'C',
      language: 'ja',
      publicUrl: 'https://api.x.test',
      answerLink: { ...answerLink, answers: ['ACKNOWLEDGE', 'COMMENT'] },
    });
    expect(ja.text).toContain('受領確認またはコメントができます');
    expect(ja.text).toContain(url);
    expect(composeReportEmail({ report: body({}), clientName: 'C', language: 'en', publicUrl: 'https://api.x.test' }).text).not.toContain(
      'report-link',
    );
  });

  it('refuses a body that is not a report', () => {
    expect(() => parseReportBody('{"type":"x"}')).toThrow();
  });
});

describe('fact wording', () => {
  it('humanises keys', () => {
    expect(humaniseKey('incidentId')).toBe('Incident id');
    expect(humaniseKey('detectedAt')).toBe('Detected at');
    expect(humaniseKey('ISOCode')).toBe('ISO code');
    expect(humaniseKey('count')).toBe('Count');
  });

  it('words values: times only when they are instants, lists, empty lists, zero', () => {
    expect(formatFact('2025-04-01', 'en')).toBe('2025-04-01');
    expect(formatFact('2025-04-01T00:00:00+09:00', 'en')).toBe('2025-04-01 00:00:00 JST (UTC+9)');
    expect(formatFact([], 'ja')).toBe('なし');
    expect(formatFact(0, 'en')).toBe('0');
    expect(formatFact(['a', 1], 'en')).toBe('a, 1');
  });
});

describe('mail settings', () => {
  it("defaults to pnpm start's mail catcher and gateway", () => {
    expect(loadMailConfig({})).toEqual({
      smtpUrl: 'smtp://127.0.0.1:4025',
      from: 'Azukari <reports@azukari.localhost>',
      publicUrl: 'http://127.0.0.1:4000',
      timeoutMs: 15_000,
      maxConnections: 5,
    });
  });

  it('names every bad setting at once, never repeating the password of the SMTP URL', () => {
    let error: unknown;
    try {
      loadMailConfig({ AZUKARI_SMTP_URL: 'http://user:hunter2@mail.test/path', AZUKARI_MAIL_FROM: 'not an address' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message + JSON.stringify(error);
    expect(message).toContain('AZUKARI_SMTP_URL: must look like smtp://host:port');
    expect(message).toContain('AZUKARI_MAIL_FROM: must be an address');
    expect(message).not.toContain('hunter2');
  });

  it('takes smtps with credentials and nodemailer URL options', () => {
    expect(loadMailConfig({ AZUKARI_SMTP_URL: 'smtps://user:p%40ss@mail.example.com:465' }).smtpUrl).toBe(
      'smtps://user:p%40ss@mail.example.com:465',
    );
    expect(loadMailConfig({ AZUKARI_SMTP_URL: 'smtp://mail.example.com:587?requireTLS=true' }).smtpUrl).toContain('requireTLS');
  });
});
