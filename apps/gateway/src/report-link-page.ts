/**
 * The page a report email's signed link opens (`/report-link?token=...`), public: the link is the
 * reader's only credential. Contracts owns the link and the answer; this page asks it through the
 * internal routes ReportLinkView and ReportLinkSubmit and renders what it says.
 *
 * - GET shows the report's facts and a form, and uses nothing up: mail scanners fetch links
 *   before people do, so only the form's POST records the answer (and uses the link).
 * - A link that is altered, expired or used, or an answer refused, is a plain page with the stable
 *   code (LINK_INVALID, LINK_EXPIRED, LINK_USED, ANSWER_NOT_OFFERED...) and nothing written.
 * - Plain, safe HTML: every value escaped, no script, a Content-Security-Policy that allows only its
 *   one stylesheet (by hash) and posting to itself, never framed, never cached, no Referer sent
 *   (the URL holds the token). Japanese or English per the client's language; both when the link
 *   could not be read.
 */
import { createHash } from 'node:crypto';
import express, { type Express, type Request, type Response } from 'express';
import {
  DomainError,
  ErrorCode,
  escapeHtml,
  formatTokyoTime,
  isDomainError,
  oneLine,
  type ClientLanguage,
  type Logger,
  type RouteResponse,
  type ServiceClient,
} from '@azukari/common';
import { REPORT_ANSWER_WORDS, REPORT_LINK_PATH, ReportLinkSubmit, ReportLinkView } from '@azukari/routes';

type Words = Record<ClientLanguage, string>;

const WORDS = {
  title: { ja: '報告への回答', en: 'Answer a report' },
  greeting: { ja: '{client} 御中', en: 'To {client}' },
  intro: {
    ja: '以下の報告について、受領確認、コメント、または回答を送信できます。送信は一度だけです。',
    en: 'Acknowledge the report below, comment on it, or answer it. The link sends one answer.',
  },
  kind: { ja: '報告の種類', en: 'Kind' },
  article: { ja: '根拠条項', en: 'Article' },
  subject: { ja: '対象', en: 'Subject' },
  contracts: { ja: '対象契約', en: 'Contracts' },
  dueAt: { ja: '報告期限', en: 'Due by' },
  deliveredAt: { ja: '報告日時', en: 'Delivered at' },
  reportId: { ja: '報告ID', en: 'Report id' },
  facts: { ja: '報告事項', en: 'Facts' },
  none: { ja: 'なし', en: 'none' },
  acknowledged: { ja: 'この報告は {at} に受領確認済みです。', en: 'This report was acknowledged on {at}.' },
  answer: { ja: '回答', en: 'Your answer' },
  comment: {
    ja: 'コメント（任意、2,000文字まで。「コメント」では必須）',
    en: 'Comment (optional, up to 2,000 characters; required with Comment)',
  },
  send: { ja: '送信する', en: 'Send' },
  link: {
    ja: 'このリンクは {to} 宛てのメール専用で、{at} まで有効です。',
    en: 'This link belongs to the email sent to {to} and expires on {at}.',
  },
  recorded: { ja: '回答を記録しました', en: 'Your answer is recorded' },
  recordedText: {
    ja: '「{answer}」を {at} に記録しました（報告ID {report}）。このリンクは使用済みです。',
    en: '"{answer}" was recorded on {at} (report {report}). This link is now used.',
  },
  refused: { ja: '送信できませんでした', en: 'This could not be done' },
  code: { ja: 'コード', en: 'Code' },
} satisfies Record<string, Words>;

/** What each refusal means to the reader, in both languages. */
const REFUSALS: Record<string, Words> = {
  [ErrorCode.LINK_INVALID]: {
    ja: 'このリンクは無効です。メールに記載されたリンクをそのまま開いてください。',
    en: 'This link is not valid. Open the link exactly as the email gave it.',
  },
  [ErrorCode.LINK_EXPIRED]: {
    ja: 'このリンクは有効期限が切れています。API で回答するか、報告の再送をご依頼ください。',
    en: 'This link has expired. Answer through the API, or ask for the report to be sent again.',
  },
  [ErrorCode.LINK_USED]: {
    ja: 'このリンクは使用済みです（リンクごとに一度だけ回答できます）。追加のコメントは API でお送りください。',
    en: 'This link was used already (each link answers once). Send further comments through the API.',
  },
  [ErrorCode.ANSWER_NOT_OFFERED]: {
    ja: 'この報告ではその回答を選べません。ページに戻り、表示された回答から選んでください。',
    en: 'This report does not offer that answer. Go back and choose one of those shown.',
  },
  [ErrorCode.BAD_USER_INPUT]: {
    ja: '入力に誤りがあります（「コメント」にはコメントが必要です）。ページに戻って修正してください。',
    en: 'The answer is not complete (Comment needs its words). Go back and correct it.',
  },
  [ErrorCode.NOT_FOUND]: { ja: '報告が見つかりません。', en: 'The report was not found.' },
  [ErrorCode.CONFLICT]: {
    ja: 'この報告には既に回答があるため、この回答は記録されませんでした。',
    en: 'The report was answered already, so this answer was not recorded.',
  },
  [ErrorCode.SERVICE_UNAVAILABLE]: {
    ja: '一時的に処理できません。しばらくしてからもう一度お試しください。',
    en: 'This cannot be done right now. Try again shortly.',
  },
};

const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.LINK_INVALID]: 400,
  [ErrorCode.LINK_EXPIRED]: 410,
  [ErrorCode.LINK_USED]: 409,
  [ErrorCode.ANSWER_NOT_OFFERED]: 400,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

const STYLE =
  'body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI","Hiragino Sans",Meiryo,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.6}' +
  'th{text-align:left;vertical-align:top;padding:4px 16px 4px 0;white-space:nowrap}td{padding:4px 0;word-break:break-all}' +
  'textarea{width:100%;min-height:6rem}button{margin-top:1rem;padding:.5rem 1.5rem}.code{font-family:monospace}.note{color:#555;font-size:.9rem}';
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
const CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

const page = (language: ClientLanguage | 'both', title: string, body: string): string =>
  [
    '<!DOCTYPE html>',
    `<html lang="${language === 'both' ? 'ja' : language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>`,
    `<body>${body}</body></html>`,
    '',
  ].join('\n');

const send = (res: Response, status: number, html: string): void => {
  res.status(status);
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('content-security-policy', CSP);
  res.setHeader('cache-control', 'no-store');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.send(html);
};

type Fact = RouteResponse<typeof ReportLinkView>['facts'][string];

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const factText = (value: Fact, language: ClientLanguage): string => {
  if (value === null) return WORDS.none[language];
  if (Array.isArray(value)) return value.length === 0 ? WORDS.none[language] : value.map(String).join(', ');
  if (typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(new Date(value).getTime())) {
    return formatTokyoTime(new Date(value), language);
  }
  return oneLine(String(value));
};

const rows = (entries: [string, string][]): string =>
  `<table>${entries.map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`;

const answerName = (answer: string, language: ClientLanguage): string => REPORT_ANSWER_WORDS[answer]?.[language] ?? answer;

const formPage = (token: string, view: RouteResponse<typeof ReportLinkView>): string => {
  const l = view.language;
  const w = (key: keyof typeof WORDS) => WORDS[key][l];
  const time = (at: string) => formatTokyoTime(new Date(at), l);
  const summary = rows([
    [w('kind'), view.kind],
    [w('article'), view.article],
    [w('subject'), `${view.subject.type} ${view.subject.id}`],
    [w('contracts'), view.contractIds.length > 0 ? view.contractIds.join(', ') : w('none')],
    [w('dueAt'), time(view.dueAt)],
    [w('deliveredAt'), view.deliveredAt ? time(view.deliveredAt) : w('none')],
    [w('reportId'), view.reportId],
  ]);
  const facts = Object.entries(view.facts);
  const options = view.answers
    .map(
      (answer, index) =>
        `<label><input type="radio" name="answer" value="${escapeHtml(answer)}"${index === 0 ? ' checked' : ''}> ${escapeHtml(answerName(answer, l))}</label><br>`,
    )
    .join('\n');
  const action = `${REPORT_LINK_PATH}?token=${encodeURIComponent(token)}`;
  return page(
    l,
    w('title'),
    [
      `<h1>${escapeHtml(w('title'))}</h1>`,
      `<p>${escapeHtml(fill(w('greeting'), { client: oneLine(view.clientName) }))}</p>`,
      `<p>${escapeHtml(w('intro'))}</p>`,
      summary,
      `<h2>${escapeHtml(w('facts'))}</h2>`,
      facts.length > 0 ? rows(facts.map(([key, value]) => [key, factText(value, l)])) : `<p>${escapeHtml(w('none'))}</p>`,
      view.acknowledgedAt ? `<p>${escapeHtml(fill(w('acknowledged'), { at: time(view.acknowledgedAt) }))}</p>` : '',
      `<form method="post" action="${escapeHtml(action)}">`,
      `<fieldset><legend>${escapeHtml(w('answer'))}</legend>\n${options}</fieldset>`,
      `<p><label for="comment">${escapeHtml(w('comment'))}</label><br><textarea id="comment" name="comment" maxlength="2000"></textarea></p>`,
      `<button type="submit">${escapeHtml(w('send'))}</button>`,
      '</form>',
      `<p class="note">${escapeHtml(fill(w('link'), { to: oneLine(view.recipient), at: time(view.expiresAt) }))}</p>`,
    ].join('\n'),
  );
};

const recordedPage = (answer: RouteResponse<typeof ReportLinkSubmit>): string => {
  const l = answer.language;
  return page(
    l,
    WORDS.recorded[l],
    [
      `<h1>${escapeHtml(WORDS.recorded[l])}</h1>`,
      `<p>${escapeHtml(fill(WORDS.greeting[l], { client: oneLine(answer.clientName) }))}</p>`,
      `<p>${escapeHtml(
        fill(WORDS.recordedText[l], {
          answer: answerName(answer.answer, l),
          at: formatTokyoTime(new Date(answer.at), l),
          report: answer.reportId,
        }),
      )}</p>`,
    ].join('\n'),
  );
};

/** A refusal in both languages (the link, unread, says nothing of the client's), with its code. */
const refusalPage = (code: string): string => {
  const words = REFUSALS[code] ?? REFUSALS[ErrorCode.SERVICE_UNAVAILABLE]!;
  return page(
    'both',
    `${WORDS.refused.ja} / ${WORDS.refused.en}`,
    [
      `<h1>${escapeHtml(WORDS.refused.ja)} / <span lang="en">${escapeHtml(WORDS.refused.en)}</span></h1>`,
      `<p>${escapeHtml(words.ja)}</p>`,
      `<p lang="en">${escapeHtml(words.en)}</p>`,
      `<p>${escapeHtml(WORDS.code.ja)} / <span lang="en">${escapeHtml(WORDS.code.en)}</span>: <span class="code" id="code">${escapeHtml(code)}</span></p>`,
    ].join('\n'),
  );
};

/** The token of the request: one `token` query parameter, as the email gave it. */
const tokenOf = (req: Request): string => {
  const token = req.query.token;
  if (typeof token !== 'string' || token.length === 0 || token.length > 2000) {
    throw new DomainError(ErrorCode.LINK_INVALID, 'no token');
  }
  return token;
};

const single = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const mountReportLinkPage = (app: Express, options: { services: ServiceClient; newTrace: () => string; log: Logger }): void => {
  const { services, newTrace, log } = options;
  const refuse = (res: Response, error: unknown): void => {
    const code = isDomainError(error) ? error.code : ErrorCode.SERVICE_UNAVAILABLE;
    if (!isDomainError(error)) log.error({ err: error }, 'report link page failed');
    send(res, STATUS[code] ?? 400, refusalPage(code));
  };

  app.get(REPORT_LINK_PATH, async (req, res) => {
    try {
      const token = tokenOf(req);
      send(res, 200, formPage(token, await services.call(ReportLinkView, { token }, null, newTrace())));
    } catch (error) {
      refuse(res, error);
    }
  });

  // A form post: a small urlencoded body, nothing else.
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 });
  app.post(REPORT_LINK_PATH, form, async (req, res) => {
    try {
      const token = tokenOf(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const answer = single(body.answer);
      if (!answer || !/^[A-Z_]{1,20}$/.test(answer)) throw new DomainError(ErrorCode.ANSWER_NOT_OFFERED, 'no answer chosen');
      const comment = single(body.comment);
      // The textarea holds at most 2,000 characters; contracts counts them again.
      if (comment !== null && comment.length > 2000) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'comment too long');
      const recorded = await services.call(
        ReportLinkSubmit,
        { token, answer, comment: comment?.trim() ? comment : null },
        null,
        newTrace(),
      );
      send(res, 200, recordedPage(recorded));
    } catch (error) {
      refuse(res, error);
    }
  });
};
