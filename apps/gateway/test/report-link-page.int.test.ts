/**
 * The answer page of a report email's link through the real gateway, with contracts' link routes
 * stood in: a GET renders the facts escaped, in the client's language, under a CSP whose style hash
 * is the page's own stylesheet, and asks only ReportLinkView; a POST hands the form to
 * ReportLinkSubmit; contracts' refusals become pages with their codes and statuses.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DomainError, ErrorCode, createLogger, newId, type ParsedRouteRequest, type SubgraphName } from '@azukari/common';
import { ReportLinkSubmit, ReportLinkView } from '@azukari/routes';
import { implement, standIn, testKeys, testResources, type StandIn, type TestResources } from '@azukari/testing';
import { createApp, type GatewayApp } from '../src/gateway';

const GOOD = 'good.token.value';
const EVIL = '<script>alert(1)</script>';

describe('gateway: the answer page of a report email link', () => {
  let resources: TestResources;
  let contracts: StandIn;
  let gateway: GatewayApp;
  const views: string[] = [];
  const submits: ParsedRouteRequest<typeof ReportLinkSubmit>[] = [];
  const reportId = newId();

  beforeAll(async () => {
    resources = testResources();
    const keys = await testKeys();
    contracts = await standIn('contracts', [
      implement(ReportLinkView, async ({ token }) => {
        views.push(token);
        if (token === 'used') throw new DomainError(ErrorCode.LINK_USED, 'used');
        if (token !== GOOD) throw new DomainError(ErrorCode.LINK_INVALID, 'invalid');
        return {
          reportId,
          kind: 'safety-measures.changed',
          article: 'Art 5.2',
          subject: { type: 'SafetyMeasure', id: newId() },
          contractIds: [newId()],
          dueAt: '2026-04-01T00:00:00.000Z',
          deliveredAt: '2026-03-31T15:00:00.000Z',
          facts: { note: EVIL, changedAt: '2026-03-31T15:00:00.000Z' },
          clientName: `株式会社${EVIL}`,
          language: 'ja' as const,
          recipient: 'dpo@client.example',
          expiresAt: '2026-05-01T00:00:00.000Z',
          answers: ['ACKNOWLEDGE', 'COMMENT', 'CHALLENGE'],
          acknowledgedAt: null,
        };
      }),
      implement(ReportLinkSubmit, async (request) => {
        submits.push(request);
        if (request.answer === 'CONSENT') throw new DomainError(ErrorCode.ANSWER_NOT_OFFERED, 'not offered');
        return {
          answerId: newId(),
          reportId,
          answer: request.answer,
          at: '2026-04-01T00:00:00.000Z',
          language: 'en' as const,
          clientName: 'Client',
        };
      }),
    ]);
    const nowhere = 'http://127.0.0.1:9';
    gateway = await createApp({
      port: 0,
      host: '127.0.0.1',
      supergraphPath: join(__dirname, '..', 'supergraph.graphql'),
      signingKey: keys.privateKey('gateway'),
      serviceUrls: { contracts: contracts.url, custody: nowhere, personnel: nowhere, incidents: nowhere } as Record<SubgraphName, string>,
      redisUrl: resources.redisUrl,
      queuePrefix: resources.queuePrefix,
      tokenCacheMs: 0,
      limits: { maxDepth: 12, maxCost: 20_000, maxAliases: 20, maxTokens: 5_000, maxDirectives: 20, requestsPerMinute: 10_000 },
      log: createLogger('gateway', 'silent'),
    });
  });
  afterAll(async () => {
    await gateway.close();
    await contracts.close();
    await resources.cleanup();
  });

  const post = async (token: string, form: Record<string, string>) =>
    await fetch(`${gateway.url}/report-link?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });

  it('shows the report escaped, in Japanese, under a CSP that allows its own stylesheet alone, asking only to view', async () => {
    const response = await fetch(`${gateway.url}/report-link?token=${GOOD}`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<html lang="ja">');
    expect(html).not.toContain(EVIL);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('2026年04月01日 00:00:00（日本時間 UTC+9）');
    expect(html).toContain('異議（協議の申入れ）');
    expect(html).toContain(`action="/report-link?token=${GOOD}"`);
    const csp = response.headers.get('content-security-policy')!;
    const style = /<style>(.*)<\/style>/.exec(html)![1]!;
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(views).toEqual([GOOD]);
    expect(submits).toEqual([]);
  });

  it('hands the form to contracts and shows what it recorded; refusals are pages with their code and status', async () => {
    const recorded = await post(GOOD, { answer: 'CHALLENGE', comment: 'words' });
    expect(recorded.status).toBe(200);
    expect(await recorded.text()).toContain('&quot;Challenge (ask to discuss)&quot; was recorded');
    expect(submits.at(-1)).toEqual({ token: GOOD, answer: 'CHALLENGE', comment: 'words' });

    const refused = await post(GOOD, { answer: 'CONSENT' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('<span class="code" id="code">ANSWER_NOT_OFFERED</span>');
    const count = submits.length;
    const noAnswer = await post(GOOD, { comment: 'x' });
    expect(noAnswer.status).toBe(400);
    expect(submits).toHaveLength(count);

    const used = await fetch(`${gateway.url}/report-link?token=used`);
    expect(used.status).toBe(409);
    expect(await used.text()).toContain('id="code">LINK_USED<');
    const none = await fetch(`${gateway.url}/report-link`);
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('id="code">LINK_INVALID<');
  });
});
