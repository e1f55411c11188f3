/**
 * The signed link in a report email, with which its reader answers without a token: an HS256 JWT
 * (jose) under contracts' AZUKARI_REPORT_LINK_KEY, bound to the report (`sub`), the delivery it was
 * sent with (`jti`, the link's id: one per recipient and delivery), the recipient's address
 * (`email`) and an expiry. The token is drawn from the delivery alone, so every try of one delivery
 * sends the same link; a redelivery is a new delivery with a link of its own.
 *
 * Single use is not the token's business: it is enforced in the database (report_link_use, keyed
 * by the token id), when an answer is recorded.
 */
import { SignJWT, errors, jwtVerify } from 'jose';
import { z } from 'zod';
import { DomainError, ErrorCode } from '@azukari/common';

const ISSUER = 'azukari/contracts';
const AUDIENCE = 'azukari/report-link';

/** How long a report email's link answers: long enough for a reader back from a holiday. */
export const REPORT_LINK_DAYS = 30;
const DAY_MS = 24 * 3600_000;

export interface ReportLinkClaims {
  reportId: string;
  /** The link's id: the delivery it was sent with. */
  linkId: string;
  recipient: string;
  expiresAt: Date;
}

const claims = z.object({
  sub: z.uuid(),
  jti: z.uuid(),
  email: z.string().min(3).max(320),
  exp: z.number().int(),
});

/** The token of the link sent with a delivery made at `issuedAt`, the same on every try. */
export const signReportLink = async (
  key: Uint8Array,
  link: { reportId: string; linkId: string; recipient: string; issuedAt: Date },
): Promise<{ token: string; expiresAt: Date }> => {
  const issued = Math.floor(link.issuedAt.getTime() / 1000);
  const expires = Math.floor((link.issuedAt.getTime() + REPORT_LINK_DAYS * DAY_MS) / 1000);
  const token = await new SignJWT({ email: link.recipient })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(link.reportId)
    .setJti(link.linkId)
    .setIssuedAt(issued)
    .setExpirationTime(expires)
    .sign(key);
  return { token, expiresAt: new Date(expires * 1000) };
};

/**
 * The link's claims, or a refusal with a stable code: LINK_EXPIRED past its expiry (judged at
 * `now`, the service's clock), LINK_INVALID for anything not signed by this key as a report link
 * (an altered token included; its signature no longer matches).
 */
export const verifyReportLink = async (key: Uint8Array, token: string, now: Date): Promise<ReportLinkClaims> => {
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now,
      requiredClaims: ['sub', 'jti', 'exp'],
    });
    const parsed = claims.parse(payload);
    return { reportId: parsed.sub, linkId: parsed.jti, recipient: parsed.email, expiresAt: new Date(parsed.exp * 1000) };
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw new DomainError(
        ErrorCode.LINK_EXPIRED,
        'This link has expired. Answer through the API, or ask for the report to be sent again.',
      );
    }
    throw new DomainError(ErrorCode.LINK_INVALID, 'This link is not valid: use the link exactly as the report email gave it.');
  }
};
