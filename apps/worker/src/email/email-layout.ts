/**
 * What every Azukari email shares: the escaping of untrusted text, times shown in Asia/Tokyo with
 * the zone stated, fact values as words, and the one HTML page and plain-text layout a mail is
 * poured into. No external image, font, stylesheet or script: a mail client fetches nothing, so
 * opening a report tells no one that it was opened.
 */
import { escapeHtml, formatTokyoTime, oneLine, type ClientLanguage } from '@azukari/common';

// Escaping, one-line text and Tokyo times are shared with the gateway's answer page (@azukari/common).
export { escapeHtml, formatTokyoTime, oneLine };

export type EmailLanguage = ClientLanguage;

/** One composed email: what the mailer sends. `id` makes its Message-ID, so a re-send is the same message. */
export interface ComposedEmail {
  /** Unique per message and stable across re-sends: the left part of the Message-ID. */
  id: string;
  /** Set on a report's email: the receiver counts each report once by its `X-Azukari-Report-Id`. */
  reportId: string | null;
  language: EmailLanguage;
  subject: string;
  text: string;
  html: string;
}

/** A labelled line of a mail: its label and its value, both plain text (escaped when rendered). */
export interface EmailRow {
  label: string;
  value: string;
}

/** A titled block of rows or paragraphs. */
export interface EmailSection {
  title: string;
  rows?: EmailRow[];
  paragraphs?: string[];
  /** A URL shown as a link in HTML and on its own line in text. */
  link?: { label: string; url: string };
  /** Text shown as a code block (a query, a command). */
  code?: string;
}

export interface EmailDocument {
  language: EmailLanguage;
  subject: string;
  greeting: string;
  intro: string[];
  sections: EmailSection[];
  footer: string[];
}

/** An ISO 8601 instant with an offset, as the job catalog writes times; anything else is not taken for a time. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export const asInstant = (value: string): Date | null => {
  if (!INSTANT.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
};

/** A fact as the facts schema allows it (strings, numbers, booleans, null, arrays of strings and numbers). */
export type FactValue = string | number | boolean | null | Array<string | number>;

/** A fact value in words: times in Tokyo, yes/no, "none" for null, lists joined; always one line. */
export const formatFact = (value: FactValue, language: EmailLanguage): string => {
  const ja = language === 'ja';
  if (value === null) return ja ? 'なし' : 'none';
  if (typeof value === 'boolean') return value ? (ja ? 'はい' : 'yes') : ja ? 'いいえ' : 'no';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return ja ? 'なし' : 'none';
    return value.map((item) => formatFact(item, language)).join(ja ? '、' : ', ');
  }
  const at = asInstant(value);
  return at ? formatTokyoTime(at, language) : oneLine(value);
};

/** `incidentId` → `Incident id`, `detectedAt` → `Detected at`, `ISOCode` → `ISO code`. */
export const humaniseKey = (key: string): string => {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/)
    .map((word, index) => (/^[A-Z0-9]+$/.test(word) && word.length > 1 ? word : index === 0 ? word : word.toLowerCase()));
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
};

const FONT = `-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', Meiryo, sans-serif`;

const htmlSection = (section: EmailSection): string => {
  const parts = [`<h2 style="font-size:16px;margin:24px 0 8px;">${escapeHtml(section.title)}</h2>`];
  for (const paragraph of section.paragraphs ?? []) parts.push(`<p style="margin:0 0 8px;">${escapeHtml(paragraph)}</p>`);
  if (section.rows && section.rows.length > 0) {
    const rows = section.rows
      .map(
        (row) =>
          `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 16px 4px 0;font-weight:600;white-space:nowrap;">${escapeHtml(row.label)}</th>` +
          `<td style="padding:4px 0;word-break:break-all;">${escapeHtml(row.value)}</td></tr>`,
      )
      .join('\n');
    parts.push(`<table role="presentation" style="border-collapse:collapse;font-size:14px;">\n${rows}\n</table>`);
  }
  if (section.link) {
    parts.push(
      `<p style="margin:8px 0;">${escapeHtml(section.link.label)}<br><a href="${escapeHtml(section.link.url)}">${escapeHtml(section.link.url)}</a></p>`,
    );
  }
  if (section.code) {
    parts.push(
      `<pre style="background:#f4f4f4;padding:8px;font-size:12px;white-space:pre-wrap;word-break:break-all;">${escapeHtml(section.code)}</pre>`,
    );
  }
  return parts.join('\n');
};

/** The HTML body: one self-contained page with the language declared and every value escaped. */
export const renderHtml = (doc: EmailDocument): string =>
  [
    '<!DOCTYPE html>',
    `<html lang="${doc.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.subject)}</title>`,
    '</head>',
    `<body style="margin:0;padding:24px;font-family:${FONT};color:#1a1a1a;line-height:1.6;">`,
    `<p style="margin:0 0 16px;">${escapeHtml(doc.greeting)}</p>`,
    ...doc.intro.map((p) => `<p style="margin:0 0 8px;">${escapeHtml(p)}</p>`),
    ...doc.sections.map(htmlSection),
    '<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 8px;">',
    ...doc.footer.map((p) => `<p style="margin:0 0 4px;font-size:12px;color:#555;">${escapeHtml(p)}</p>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');

/** The text/plain alternative: the same content, labels aligned for a fixed-width reader. */
export const renderText = (doc: EmailDocument): string => {
  const lines = [doc.greeting, '', ...doc.intro];
  for (const section of doc.sections) {
    lines.push('', `■ ${section.title}`);
    for (const paragraph of section.paragraphs ?? []) lines.push(paragraph);
    for (const row of section.rows ?? []) lines.push(`  ${row.label}: ${row.value}`);
    if (section.link) lines.push(section.link.label, `  ${section.link.url}`);
    if (section.code) lines.push('', ...section.code.split('\n').map((line) => `    ${line}`));
  }
  lines.push('', '--', ...doc.footer, '');
  return lines.join('\n');
};
