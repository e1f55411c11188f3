#!/usr/bin/env node
// `pnpm start`'s mail catcher: an SMTP server (smtp-server) on 127.0.0.1 only that accepts every
// message and keeps it under .azukari/mail/: the message as received (.eml), a page that shows it
// (.html), and index.html listing them all, newest first. So a newcomer reads the mail the demo
// caused in a browser, and nothing leaves the machine.
//
//   node scripts/mail-catcher.mjs     AZUKARI_MAIL_CATCHER_PORT (4025; 0 picks a free port)
//                                     AZUKARI_MAIL_DIR (.azukari/mail)
//
// A message's page shows its HTML in a sandboxed frame under a Content-Security-Policy that
// forbids scripts and every remote load: a mail cannot run code or call home from the page.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_MAIL_CATCHER_PORT = 4025;
const MAX_MESSAGE_BYTES = 20 * 1024 * 1024;

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const POLICY = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'">`;

const page = (title, body) =>
  `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
${POLICY}
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 24px; color: #1a1a1a; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 4px 12px 4px 0; vertical-align: top; }
tbody tr { border-top: 1px solid #e4e4e4; }
iframe { width: 100%; height: 60vh; border: 1px solid #ccc; }
pre { background: #f4f4f4; padding: 12px; white-space: pre-wrap; word-break: break-all; }
</style>
</head>
<body>
${body}
</body>
</html>
`;

const addressText = (value) => (value === undefined ? '' : Array.isArray(value) ? value.map((v) => v.text).join(', ') : value.text);

const messagePage = (entry, parsed) => {
  const rows = [
    ['Subject', entry.subject],
    ['From', entry.from],
    ['To', entry.to],
    ['Date', entry.date ?? ''],
    ['Received', entry.receivedAt],
    ['Message-ID', entry.messageId ?? ''],
    ['Envelope', `${entry.envelope.from ?? '<>'} → ${entry.envelope.to.join(', ')}`],
  ];
  const html =
    parsed.html === false || parsed.html === undefined
      ? '<p>(no HTML part)</p>'
      : `<iframe sandbox title="HTML body" srcdoc="${escapeHtml(parsed.html)}"></iframe>`;
  return page(
    entry.subject || '(no subject)',
    `<p><a href="index.html">← all mail</a> · <a href="${escapeHtml(entry.eml)}">the message as received (.eml)</a></p>
<h1>${escapeHtml(entry.subject || '(no subject)')}</h1>
<table>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<h2>HTML</h2>
${html}
<h2>Plain text</h2>
<pre>${escapeHtml(parsed.text ?? '(no text part)')}</pre>`,
  );
};

const indexPage = (entries) =>
  page(
    `Azukari: mail caught (${entries.length})`,
    `<h1>Mail caught by <code>pnpm start</code> (${entries.length})</h1>
<p>Every message the local services sent. Nothing here left this machine.</p>
<table>
<thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead>
<tbody>
${[...entries]
  .reverse()
  .map(
    (e) =>
      `<tr><td>${escapeHtml(e.receivedAt)}</td><td>${escapeHtml(e.to)}</td><td><a href="${escapeHtml(e.page)}">${escapeHtml(e.subject || '(no subject)')}</a></td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`,
  );

/**
 * Starts the catcher. `log` gets one line per message. Resolves once it listens; `close()` stops
 * accepting and waits for the messages being written.
 */
export const startMailCatcher = async ({ dir, port = DEFAULT_MAIL_CATCHER_PORT, log = console.log } = {}) => {
  mkdirSync(dir, { recursive: true });
  const listFile = join(dir, 'messages.json');
  const entries = existsSync(listFile) ? JSON.parse(readFileSync(listFile, 'utf8')) : [];
  const indexFile = join(dir, 'index.html');
  writeFileSync(indexFile, indexPage(entries));
  // One message written at a time: the list and the index are rewritten for each.
  let writing = Promise.resolve();

  const keep = async (raw, session) => {
    const parsed = await simpleParser(raw);
    const receivedAt = new Date();
    const stamp = receivedAt.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const base = `${stamp}-${String(entries.length + 1).padStart(4, '0')}-${randomBytes(3).toString('hex')}`;
    const entry = {
      eml: `${base}.eml`,
      page: `${base}.html`,
      subject: parsed.subject ?? '',
      from: addressText(parsed.from),
      to: addressText(parsed.to),
      date: parsed.date?.toISOString() ?? null,
      receivedAt: receivedAt.toISOString(),
      messageId: parsed.messageId ?? null,
      envelope: {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        to: session.envelope.rcptTo.map((r) => r.address),
      },
    };
    writeFileSync(join(dir, entry.eml), raw);
    writeFileSync(join(dir, entry.page), messagePage(entry, parsed));
    entries.push(entry);
    writeFileSync(listFile, JSON.stringify(entries, null, 2));
    writeFileSync(indexFile, indexPage(entries));
    log(`✉ to ${entry.envelope.to.join(', ')}: "${entry.subject}" → ${displayPath(join(dir, entry.page))}`);
  };

  const server = new SMTPServer({
    // Loopback only and plain SMTP: there is nothing to encrypt between two local processes, and
    // any credentials are accepted so that a URL with a user and password works here too.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
    size: MAX_MESSAGE_BYTES,
    logger: false,
    closeTimeout: 2_000,
    onData: (stream, session, callback) => {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error('Message too large for the mail catcher'), { responseCode: 552 }));
        const done = writing.then(() => keep(Buffer.concat(chunks), session));
        writing = done.catch(() => undefined);
        done.then(
          () => callback(null, 'Kept by the Azukari mail catcher'),
          (error) => {
            log(`✗ could not keep a message: ${error.message}`);
            callback(Object.assign(new Error('The mail catcher could not keep the message'), { responseCode: 451 }));
          },
        );
      });
    },
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.server.address();
  return {
    port: address.port,
    host: address.address,
    url: `smtp://127.0.0.1:${address.port}`,
    index: indexFile,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await writing;
    },
  };
};

const displayPath = (path) => {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
};

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const port = Number(process.env.AZUKARI_MAIL_CATCHER_PORT || DEFAULT_MAIL_CATCHER_PORT);
  const dir = process.env.AZUKARI_MAIL_DIR || join(ROOT, '.azukari', 'mail');
  let catcher;
  try {
    catcher = await startMailCatcher({ dir, port });
  } catch (error) {
    console.error(
      error.code === 'EADDRINUSE'
        ? `The mail catcher's port ${port} is in use: set AZUKARI_MAIL_CATCHER_PORT to another, or AZUKARI_SMTP_URL to an SMTP server of your own.`
        : `The mail catcher did not start: ${error.message}`,
    );
    process.exit(1);
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    catcher.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Printed once the signals are handled: whoever waits for these lines may stop it right away.
  console.log(`listening on ${catcher.url} (${catcher.host} only)`);
  console.log(`Mail sent by the demo: open ${displayPath(catcher.index)}`);
}
