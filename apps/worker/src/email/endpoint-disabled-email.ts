/**
 * The notice a client gets when one of its webhook endpoints answered 410 Gone and was disabled:
 * which endpoint, when, and that it is re-enabled through the API. Reports of the kinds that
 * endpoint received keep going by email where the client chose email as well.
 */
import {
  formatTokyoTime,
  oneLine,
  renderHtml,
  renderText,
  type ComposedEmail,
  type EmailDocument,
  type EmailLanguage,
} from './email-layout';
import { REPORT_WORDS, fill } from './report-wording';

export interface EndpointDisabledEmailInput {
  /** Unique per notice and stable across re-sends (e.g. the event id of the disabling): makes its Message-ID. */
  noticeId: string;
  clientName: string;
  language: EmailLanguage;
  endpointId: string;
  endpointUrl: string;
  disabledAt: Date;
  /** The id of the report whose delivery met the 410, when there was one. */
  reportId: string | null;
  publicUrl: string;
}

/**
 * The endpoint as the mail shows it: scheme, host and path. A query string is left out, because
 * partners sometimes put a token in it, and a mail is a poor place for a token.
 */
export const displayEndpoint = (url: string): string => {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search ? '?…' : ''}`;
  } catch {
    return oneLine(url).slice(0, 200);
  }
};

const WORDS = {
  subject: {
    ja: '【Azukari】Webhook エンドポイントを無効にしました（{client} 御中）',
    en: '[Azukari] Your webhook endpoint was disabled ({client})',
  },
  intro: {
    ja: '貴社の Webhook エンドポイント {url} が {at} に 410 Gone を返したため、このエンドポイントを無効にしました。以後、このエンドポイントへの報告の送信は行いません。',
    en: 'Your webhook endpoint {url} answered 410 Gone on {at}, so it was disabled. No more reports are sent to it.',
  },
  enable: {
    ja: 'エンドポイントが再び受信できるようになったら、API で有効に戻してください。送信できなかった報告は API で再送を依頼できます（redeliverClientReport）。',
    en: 'Once the endpoint receives again, re-enable it through the API. Reports that could not be delivered can be redelivered on request through the API (redeliverClientReport).',
  },
  details: { ja: '詳細', en: 'Details' },
  endpoint: { ja: 'エンドポイント', en: 'Endpoint' },
  endpointId: { ja: 'エンドポイントID', en: 'Endpoint id' },
  disabledAt: { ja: '無効にした日時', en: 'Disabled at' },
  reportId: { ja: '410 を受けた報告のID', en: 'Report that met the 410' },
  api: { ja: 'API', en: 'API' },
  apiLink: { ja: 'GraphQL エンドポイント:', en: 'GraphQL endpoint:' },
  footer: {
    ja: 'このメールは Azukari から自動送信されています。個人情報は含まれていません。',
    en: 'This email was sent automatically by Azukari. It holds no personal information.',
  },
} satisfies Record<string, Record<EmailLanguage, string>>;

export const composeEndpointDisabledEmail = (input: EndpointDisabledEmailInput): ComposedEmail => {
  const { language } = input;
  const client = oneLine(input.clientName);
  const url = displayEndpoint(input.endpointUrl);
  const at = formatTokyoTime(input.disabledAt, language);
  const doc: EmailDocument = {
    language,
    subject: fill(WORDS.subject[language], { client }),
    greeting: fill(REPORT_WORDS.greeting![language], { client }),
    intro: [fill(WORDS.intro[language], { url, at }), WORDS.enable[language]],
    sections: [
      {
        title: WORDS.details[language],
        rows: [
          { label: WORDS.endpoint[language], value: url },
          { label: WORDS.endpointId[language], value: oneLine(input.endpointId) },
          { label: WORDS.disabledAt[language], value: at },
          ...(input.reportId ? [{ label: WORDS.reportId[language], value: oneLine(input.reportId) }] : []),
        ],
      },
      { title: WORDS.api[language], link: { label: WORDS.apiLink[language], url: new URL('/graphql', input.publicUrl).toString() } },
    ],
    footer: [WORDS.footer[language]],
  };
  return { id: input.noticeId, reportId: null, language, subject: doc.subject, text: renderText(doc), html: renderHtml(doc) };
};
