/**
 * Sends composed emails over SMTP (nodemailer's pooled transport), one recipient per message.
 *
 * Every message of one report to one recipient has the same Message-ID (`<reportId.tag@from-domain>`,
 * the tag naming the recipient, whose message differs by its own answer link), and every message
 * carries the report id in `X-Azukari-Report-Id`: a send repeated after a crash or a timeout
 * (at-least-once delivery) is recognisably the same message, and a receiver counts each report once.
 *
 * `Auto-Submitted: auto-generated` (RFC 3834) keeps auto-responders (out-of-office replies) from
 * answering. There is no `List-Unsubscribe`: these are statutory reports that the Regulations
 * oblige the Company to make, not a mailing list; a client changes where they go (its report
 * address, or a webhook instead) through the API, and an unsubscribe link would let one click
 * stop reports that must be made.
 */
import { createTransport } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import { fromAddress, type MailConfig } from '../config';
import type { ComposedEmail } from './email-layout';
import { classifyMailError } from './mail.errors';

export interface SentEmail {
  /** The Message-ID sent, with its angle brackets. */
  messageId: string;
  /** The server's answer to the message, e.g. `250 2.0.0 Ok: queued as 4F3A1`. */
  response: string;
  accepted: string[];
}

export interface Mailer {
  /**
   * Sends `email` to `to`. Resolves with the server's answer once it accepted the message; rejects
   * with a MailDeliveryError saying whether a retry can help (`permanent`).
   */
  send(to: string, email: ComposedEmail): Promise<SentEmail>;
  /** Connects (and authenticates) once, for a readiness check; rejects with a MailDeliveryError. */
  verify(): Promise<void>;
  /** The SMTP server, without credentials: for logs. */
  readonly server: string;
  /** Closes the pool; a message being transmitted finishes first. */
  close(): void;
}

/** The SMTP URL for a log line: scheme, host and port, never the user or password. */
export const describeSmtpUrl = (smtpUrl: string): string => {
  const options = parseConnectionUrl(smtpUrl);
  return `${options.secure ? 'smtps' : 'smtp'}://${options.host ?? 'localhost'}:${options.port ?? (options.secure ? 465 : 587)}`;
};

export const createMailer = (config: MailConfig): Mailer => {
  const from = fromAddress(config.from);
  if (!from) throw new Error(`AZUKARI_MAIL_FROM is not an address: ${config.from}`);
  const transport = createTransport({
    ...parseConnectionUrl(config.smtpUrl),
    pool: true,
    maxConnections: config.maxConnections,
    // A connection is replaced after this many messages, and closed when idle for a minute.
    maxMessages: 100,
    idleTimeout: 60_000,
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
    dnsTimeout: config.timeoutMs,
    // nodemailer logs nothing on its own; its debug log would print whole messages.
    logger: false,
    debug: false,
  });

  return {
    server: describeSmtpUrl(config.smtpUrl),

    async send(to, email) {
      const messageId = `<${email.id}@${from.domain}>`;
      try {
        const info = await transport.sendMail({
          from: config.from,
          to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId,
          headers: {
            'Auto-Submitted': 'auto-generated',
            'Content-Language': email.language,
            ...(email.reportId ? { 'X-Azukari-Report-Id': email.reportId } : {}),
          },
          // Socket timeouts miss a server that trickles its replies; the send as a whole has a deadline too.
          signal: AbortSignal.timeout(config.timeoutMs * 2),
        });
        return { messageId: info.messageId || messageId, response: info.response, accepted: info.accepted.map(String) };
      } catch (error) {
        throw classifyMailError(error);
      }
    },

    async verify() {
      try {
        await transport.verify();
      } catch (error) {
        throw classifyMailError(error);
      }
    },

    close: () => transport.close(),
  };
};
