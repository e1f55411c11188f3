import { DomainError, ErrorCode } from './errors';

/**
 * Text as it is stored: trimmed and NFC-normalised, its length counted again in code points, as
 * MariaDB and MySQL count utf8mb4 characters. class-validator's length skips variation selectors,
 * so a value it accepts could still be too long for its column and fail as an internal error.
 */
export const cleanText = (field: string, value: string, max: number): string => {
  const text = value.trim().normalize('NFC');
  if (!text) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} must not be blank.`);
  if ([...text].length > max) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} must be at most ${max} characters.`);
  return text;
};

/** The languages Azukari writes to clients in: a client's `language`. */
export type ClientLanguage = 'ja' | 'en';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values (report emails, the answer page). */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/**
 * Text from other services on one line: control characters (a newline included) become spaces, so
 * a fact cannot forge a line of a plain-text body or a header.
 */
// eslint-disable-next-line no-control-regex
export const oneLine = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();

const TOKYO_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A time in Asia/Tokyo with the zone stated: `2025-04-01 18:30:05 JST (UTC+9)` / `2025年04月01日 18:30:05（日本時間 UTC+9）`. */
export const formatTokyoTime = (at: Date, language: ClientLanguage): string => {
  const part = (type: Intl.DateTimeFormatPartTypes): string => TOKYO_PARTS.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  const time = `${part('hour')}:${part('minute')}:${part('second')}`;
  return language === 'ja'
    ? `${part('year')}年${part('month')}月${part('day')}日 ${time}（日本時間 UTC+9）`
    : `${part('year')}-${part('month')}-${part('day')} ${time} JST (UTC+9)`;
};

/** A SHA-256 in hexadecimal, as clients give the digest of a signed document (either case; stored lower-case). */
export const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
