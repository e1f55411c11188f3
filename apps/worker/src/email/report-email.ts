/**
 * One report's email, composed from the report exactly as it is delivered (the JSON body contracts
 * fixed when it recorded the report, the same bytes the webhook carries): subject, HTML and plain
 * text, in the client's language. It holds the report's facts, a link to see the report through
 * the API, the recipient's own signed link to acknowledge or answer it without a token, and
 * nothing else about anyone: the facts are ids, codes, counts and times by
 * the job catalog's rule, and they are shown as they are, escaped, because they are text from
 * other services.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { REPORT_ANSWER_WORDS, REPORT_LINK_PATH } from '@azukari/routes';
import {
  formatFact,
  formatTokyoTime,
  humaniseKey,
  oneLine,
  renderHtml,
  renderText,
  type ComposedEmail,
  type EmailDocument,
  type EmailLanguage,
  type EmailRow,
  type EmailSection,
  type FactValue,
} from './email-layout';
import { ARTICLE_WORDS, FACT_LABELS_JA, KIND_TITLES, REPORT_WORDS, fill } from './report-wording';

const factValue: z.ZodType<FactValue> = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number()])),
]);

/** The delivered body of a client report (contracts' ClientReportService.record writes it). */
export const ReportBodySchema = z.object({
  type: z.string(),
  reportId: z.string(),
  clientId: z.string(),
  article: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }),
  contractIds: z.array(z.string()),
  occurredAt: z.string(),
  dueAt: z.string(),
  data: z.record(z.string(), factValue),
});
export type ReportBody = z.infer<typeof ReportBodySchema>;

/** Reads the exact body a delivery carries; throws a ZodError when it is not a report body. */
export const parseReportBody = (body: string): ReportBody => ReportBodySchema.parse(JSON.parse(body));

export interface ReportEmailInput {
  report: ReportBody;
  /** The client's name, as contracts holds it (a company, not a person). */
  clientName: string;
  language: EmailLanguage;
  /** The public URL of the API gateway, e.g. https://api.azukari.example (AZUKARI_PUBLIC_URL). */
  publicUrl: string;
  /** The recipient's own signed link to the gateway's answer page, with its expiry and the answers it offers. */
  answerLink?: { token: string; expiresAt: Date; answers: readonly string[]; to: string };
}

/** The gateway's answer page for a link's token: `<public URL>/report-link?token=...`. */
export const answerPageUrl = (publicUrl: string, token: string): string => {
  const url = new URL(REPORT_LINK_PATH, publicUrl);
  url.searchParams.set('token', token);
  return url.toString();
};

/** The section that gives the reader its link; the answers beyond ACKNOWLEDGE and COMMENT named. */
/**
 * The left part of the Message-ID: the report's id, and for a message with its recipient's own
 * answer link a tag of that recipient, since each recipient's message differs by its link. Stable
 * across re-sends to the same recipient, so that a repeated send is recognisably the same message.
 */
const messageIdOf = (reportId: string, recipient: string | undefined): string =>
  recipient ? `${reportId}.${createHash('sha256').update(recipient.toLowerCase()).digest('hex').slice(0, 16)}` : reportId;

const answerSection = (link: NonNullable<ReportEmailInput['answerLink']>, publicUrl: string, language: EmailLanguage): EmailSection => {
  const decisions = link.answers.filter((a) => a !== 'ACKNOWLEDGE' && a !== 'COMMENT');
  const named = decisions.map((a) => REPORT_ANSWER_WORDS[a]?.[language] ?? oneLine(a)).join(language === 'ja' ? '、' : ', ');
  return {
    title: words('answer', language),
    paragraphs: [
      decisions.length > 0 ? fill(words('answerIntroDecisions', language), { answers: named }) : words('answerIntro', language),
      fill(words('answerOnce', language), { to: oneLine(link.to), at: formatTokyoTime(link.expiresAt, language) }),
    ],
    link: { label: words('answerLink', language), url: answerPageUrl(publicUrl, link.token) },
  };
};

/**
 * What a partner runs to see its reports: `clientReports` of its client, the newest page. The
 * schema has no query by report id, so the mail gives the list query and names the report id to
 * find in it; were a by-id query added, this is the one place to point the link at it.
 */
export const REPORT_API_QUERY =
  'query ($clientId: ID) { clientReports(clientId: $clientId) { edges { node { id kind article subjectId dueAt deliveredAt } } } }';

/** The gateway's GraphQL endpoint with the query in the URL (GraphQL over GET): a link a partner fetches with its token. */
export const reportApiLink = (publicUrl: string, clientId: string): string => {
  const url = new URL('/graphql', publicUrl);
  url.searchParams.set('query', REPORT_API_QUERY);
  url.searchParams.set('variables', JSON.stringify({ clientId }));
  return url.toString();
};

/** The command that fetches the link: the gateway wants the token, and its CSRF check wants a preflight header on GET. */
const curlCommand = (link: string): string =>
  `curl -H "Authorization: Bearer $AZUKARI_TOKEN" -H "apollo-require-preflight: true" '${link.replace(/'/g, '%27')}'`;

const words = (key: keyof typeof REPORT_WORDS, language: EmailLanguage): string => REPORT_WORDS[key]![language];

const timeOrText = (value: string, language: EmailLanguage): string => {
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? oneLine(value) : formatTokyoTime(at, language);
};

/** Every fact of the report, in the order the service wrote them, none left out. */
export const factRows = (data: ReportBody['data'], language: EmailLanguage): EmailRow[] =>
  Object.entries(data).map(([key, value]) => ({
    label: language === 'ja' ? (FACT_LABELS_JA[key] ?? humaniseKey(key)) : humaniseKey(key),
    value: formatFact(value, language),
  }));

export const composeReportEmail = (input: ReportEmailInput): ComposedEmail => {
  const { report, language } = input;
  const client = oneLine(input.clientName);
  const articleWords = ARTICLE_WORDS[report.article];
  const article = articleWords ? articleWords.article[language] : oneLine(report.article);
  const duty = articleWords ? articleWords.duty[language] : words('genericDuty', language);
  // A known kind has its own title; an unknown one is named by what its article's report is.
  const title = KIND_TITLES[report.type]?.[language] ?? duty;
  const link = reportApiLink(input.publicUrl, report.clientId);

  const doc: EmailDocument = {
    language,
    subject: `${words('subjectPrefix', language)}${language === 'ja' ? `${article}：${title}（${client} 御中）` : `${article}: ${title} (${client})`}`,
    greeting: fill(words('greeting', language), { client }),
    intro: [fill(words(articleWords ? 'intro' : 'introGeneric', language), { article, duty })],
    sections: [
      {
        title: words('summary', language),
        rows: [
          { label: words('kind', language), value: `${title} (${oneLine(report.type)})` },
          { label: words('article', language), value: `${article} — ${duty}` },
          { label: words('subject', language), value: `${oneLine(report.subject.type)} ${oneLine(report.subject.id)}` },
          { label: words('contracts', language), value: formatFact(report.contractIds, language) },
          { label: words('occurredAt', language), value: timeOrText(report.occurredAt, language) },
          { label: words('dueAt', language), value: timeOrText(report.dueAt, language) },
          { label: words('reportId', language), value: oneLine(report.reportId) },
        ],
      },
      Object.keys(report.data).length > 0
        ? { title: words('facts', language), rows: factRows(report.data, language) }
        : { title: words('facts', language), paragraphs: [words('noFacts', language)] },
      ...(input.answerLink ? [answerSection(input.answerLink, input.publicUrl, language)] : []),
      {
        title: words('api', language),
        paragraphs: [words('apiIntro', language)],
        link: { label: words('apiLink', language), url: link },
        code: curlCommand(link),
      },
    ],
    footer: [words('footerAuto', language), words('footerWhy', language)],
  };
  return {
    id: messageIdOf(report.reportId, input.answerLink?.to),
    reportId: report.reportId,
    language,
    subject: doc.subject,
    text: renderText(doc),
    html: renderHtml(doc),
  };
};
