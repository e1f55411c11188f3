/**
 * A send that did not end with the server's acceptance, classified for the delivery job: a
 * permanent failure (the server refused the message or the recipient with a 5xx answer) will not
 * change on retry; a transient one (a 4xx answer, a refused or dropped connection, a timeout) may.
 */

export enum MailFailureCode {
  /** The server refused with a 5xx answer: the address or the message will not be taken. */
  REJECTED = 'REJECTED',
  /** The server deferred with a 4xx answer (greylisting, a full mailbox, a rate limit). */
  DEFERRED = 'DEFERRED',
  /** No conversation: connection refused, reset or closed, DNS or TLS failure. */
  UNREACHABLE = 'UNREACHABLE',
  /** The server was too slow: a connect, greeting or socket timeout, or the send's own deadline. */
  TIMEOUT = 'TIMEOUT',
  /** The server refused our credentials: the operator's to fix, after which a retry succeeds. */
  AUTH = 'AUTH',
}

const PERMANENT: ReadonlySet<MailFailureCode> = new Set([MailFailureCode.REJECTED]);

export class MailDeliveryError extends Error {
  /** True when a retry cannot help: the delivery should be given up and set aside. */
  readonly permanent: boolean;

  constructor(
    readonly code: MailFailureCode,
    message: string,
    /** The server's SMTP reply code, when it answered (e.g. 550, 451). */
    readonly responseCode: number | null,
    /** The server's reply text, when it answered. */
    readonly response: string | null,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
    this.permanent = PERMANENT.has(code);
  }
}

/** What nodemailer puts on its errors (NodemailerError), read without trusting its shape. */
interface NodemailerErrorFields {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

/**
 * nodemailer's error as a MailDeliveryError. 503 ("bad sequence of commands") is the one 5xx that
 * nodemailer too counts as transient: it speaks of the connection's state, not of the message.
 */
export const classifyMailError = (error: unknown): MailDeliveryError => {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as NodemailerErrorFields;
  const code = typeof fields.code === 'string' ? fields.code : '';
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : null;
  const response = typeof fields.response === 'string' ? fields.response.slice(0, 500) : null;
  const message = `${typeof fields.message === 'string' ? fields.message : String(error)}`.slice(0, 500);
  const failure =
    code === 'EAUTH' || code === 'ENOAUTH'
      ? MailFailureCode.AUTH
      : responseCode !== null && responseCode >= 500 && responseCode < 600 && responseCode !== 503
        ? MailFailureCode.REJECTED
        : responseCode !== null && responseCode >= 400
          ? MailFailureCode.DEFERRED
          : code === 'ETIMEDOUT' || code === 'EABORT'
            ? MailFailureCode.TIMEOUT
            : MailFailureCode.UNREACHABLE;
  return new MailDeliveryError(failure, message, responseCode, response);
};
