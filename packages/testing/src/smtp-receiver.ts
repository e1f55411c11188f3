/**
 * A real SMTP server in the test's process (smtp-server) on a free port of 127.0.0.1: every
 * message it accepts is parsed with mailparser and kept, so a test asserts on what a mailbox would
 * show. It can refuse or stall the next messages with a chosen reply, for the tests of transient
 * (4xx) and permanent (5xx) failures and of slow servers.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  /** The SMTP envelope: MAIL FROM and every accepted RCPT TO. */
  envelope: { from: string | null; to: string[] };
  /** The user name the client authenticated with, when it did. */
  authUser: string | null;
  /** Decoded header values by lower-case name: `header('subject')`, `header('x-azukari-report-id')`. */
  header(name: string): string | undefined;
  messageId: string | null;
  subject: string;
  /** The From and To headers as text, e.g. `Azukari <reports@example.com>`. */
  from: string;
  to: string;
  text: string;
  /** The HTML body, or null when the message has none. */
  html: string | null;
  /** The message as the server received it (headers still encoded). */
  raw: string;
  parsed: ParsedMail;
  receivedAt: Date;
}

export interface Refusal {
  /** The SMTP reply code, e.g. 550 (permanent) or 451 (transient). */
  code: number;
  message?: string;
  /** Refuse the recipient (RCPT TO) or the message once sent (end of DATA, the default). */
  at?: 'rcpt' | 'data';
}

export interface SmtpReceiver {
  /** `smtp://127.0.0.1:<port>`, as AZUKARI_SMTP_URL takes it. */
  url: string;
  port: number;
  /** Every message accepted, in order of arrival. */
  readonly messages: readonly ReceivedMail[];
  /** How many messages were refused or stalled on request. */
  readonly refused: number;
  /** Resolves with the messages once `count` were accepted; rejects after `timeoutMs` saying how many came. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Answers the next `count` messages with `refusal` instead of accepting them. */
  refuseNext(count: number, refusal: Refusal): void;
  /** Never answers the end of the next `count` messages' DATA: the client must time out. */
  stallNext(count: number): void;
  /** How often each value of a header was received, e.g. `countBy('x-azukari-report-id')`: duplicates show as > 1. */
  countBy(header: string): Map<string, number>;
  close(): Promise<void>;
}

type Plan = { kind: 'refuse'; refusal: Refusal } | { kind: 'stall' };

const addressText = (value: AddressObject | AddressObject[] | undefined): string =>
  value === undefined ? '' : Array.isArray(value) ? value.map((v) => v.text).join(', ') : value.text;

/** A parsed header as text: strings as they are, addresses as their text, dates as ISO, structured values by their value. */
const headerText = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(headerText).join(', ');
  if (typeof value === 'object') {
    const fields = value as { text?: unknown; value?: unknown };
    if (typeof fields.text === 'string') return fields.text;
    if (typeof fields.value === 'string') return fields.value;
  }
  return String(value);
};

/** The header block alone, unfolded, as a ParsedMail with no bodies: what `parse: false` keeps. */
const headersOnly = (raw: Buffer): ParsedMail => {
  const text = raw.toString('utf8');
  const block = text.slice(0, Math.max(0, text.indexOf('\r\n\r\n'))).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, headerLines: [], attachments: [], html: false, messageId: headers.get('message-id') } as unknown as ParsedMail;
};

const smtpError = (refusal: Refusal): Error & { responseCode: number } =>
  Object.assign(new Error(refusal.message ?? (refusal.code >= 500 ? 'Refused by the test receiver' : 'Try again later (test receiver)')), {
    responseCode: refusal.code,
  });

/**
 * `parse: false` keeps each message raw and reads its headers alone, without mailparser: for the
 * bench, where the receiver shares the machine with what it measures. Bodies are then empty.
 */
export const startSmtpReceiver = async (options: { parse?: boolean } = {}): Promise<SmtpReceiver> => {
  const parse = options.parse ?? true;
  const messages: ReceivedMail[] = [];
  const plans: Plan[] = [];
  const waiters = new Set<() => void>();
  const stalled = new Set<() => void>();
  let refused = 0;

  const takePlan = (at: 'rcpt' | 'data'): Plan | undefined => {
    const next = plans[0];
    if (!next) return undefined;
    const planAt = next.kind === 'stall' ? 'data' : (next.refusal.at ?? 'data');
    if (planAt !== at) return undefined;
    plans.shift();
    refused += 1;
    return next;
  };

  const receive = async (stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const parsed = parse ? await simpleParser(raw) : headersOnly(raw);
    const mailFrom = session.envelope.mailFrom;
    messages.push({
      envelope: { from: mailFrom ? mailFrom.address : null, to: session.envelope.rcptTo.map((r) => r.address) },
      authUser: typeof session.user === 'string' ? session.user : null,
      header: (name) => headerText(parsed.headers.get(name.toLowerCase())),
      messageId: parsed.messageId ?? null,
      subject: parsed.subject ?? '',
      from: addressText(parsed.from),
      to: addressText(parsed.to),
      text: parsed.text ?? '',
      html: parsed.html === false || parsed.html === undefined ? null : parsed.html,
      raw: raw.toString('utf8'),
      parsed,
      receivedAt: new Date(),
    });
    for (const wake of waiters) wake();
  };

  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to trust, and AUTH allowed without TLS so that a URL with credentials works.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    // Connections a stalled test left open do not hold close() for smtp-server's default 30 s.
    closeTimeout: 1_000,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
    onRcptTo: (_address, _session, callback) => {
      const plan = takePlan('rcpt');
      callback(plan?.kind === 'refuse' ? smtpError(plan.refusal) : null);
    },
    onData: (stream, session, callback) => {
      const plan = takePlan('data');
      if (plan) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          if (plan.kind === 'refuse') callback(smtpError(plan.refusal));
          // Stalled: the reply comes only when the receiver closes.
          else stalled.add(() => callback(smtpError({ code: 421, message: 'Closing' })));
        });
        return;
      }
      receive(stream, session).then(
        () => callback(null, 'Ok: kept by the test receiver'),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    get refused() {
      return refused;
    },
    refuseNext: (count, refusal) => {
      for (let i = 0; i < count; i += 1) plans.push({ kind: 'refuse', refusal });
    },
    stallNext: (count) => {
      for (let i = 0; i < count; i += 1) plans.push({ kind: 'stall' });
    },
    countBy: (header) => {
      const counts = new Map<string, number>();
      for (const message of messages) {
        const value = message.header(header);
        if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      return counts;
    },
    waitFor: async (count, timeoutMs = 10_000) =>
      await new Promise<ReceivedMail[]>((resolve, reject) => {
        const check = (): void => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve([...messages]);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the SMTP receiver got ${messages.length} of ${count} messages within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: async () => {
      for (const release of stalled) release();
      stalled.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
