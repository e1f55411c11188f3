/**
 * The one error style of Azukari: a domain error carries a stable code; service-kit maps it to a
 * GraphQL error with `extensions.code` in one place. Anything that is not a DomainError reaches a
 * caller only as INTERNAL_SERVER_ERROR, without its message, stack or SQL.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
  TRAINING_REQUIRED: 'TRAINING_REQUIRED',
  /** A change the subject's current state does not allow (e.g. confirming a declined inspection). */
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /** An on-site inspection's proposed date is not after its written notice (Art 13.2: prior notice). */
  PRIOR_NOTICE_REQUIRED: 'PRIOR_NOTICE_REQUIRED',
  /** An inspection for which the operator asked an NDA cannot be confirmed before it is signed (Art 13.3). */
  NDA_REQUIRED: 'NDA_REQUIRED',
  /** An inspection cannot be confirmed before the client acknowledged the rules of entry and exit (Art 13.4). */
  ENTRY_RULES_ACK_REQUIRED: 'ENTRY_RULES_ACK_REQUIRED',
  /** An inspection's cost is charged only after the discussion with the client is recorded (Art 13.5). */
  COST_DISCUSSION_REQUIRED: 'COST_DISCUSSION_REQUIRED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  RATE_LIMITED: 'RATE_LIMITED',
  /** The report's kind does not offer this answer (only ACKNOWLEDGE and COMMENT fit every report). */
  ANSWER_NOT_OFFERED: 'ANSWER_NOT_OFFERED',
  /** A report email's link that is not one Azukari signed, or was altered. */
  LINK_INVALID: 'LINK_INVALID',
  /** A report email's link past its expiry. */
  LINK_EXPIRED: 'LINK_EXPIRED',
  /** A report email's link that was used already: each link answers once. */
  LINK_USED: 'LINK_USED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

/** A setting is missing or malformed: start-up stops with a message naming every one. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
