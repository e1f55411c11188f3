/**
 * `pnpm start`'s mail catcher (scripts/mail-catcher.mjs), run as `pnpm start` runs it: a process
 * of its own, sent a message over SMTP by nodemailer, as the worker sends one. What a newcomer
 * relies on: the .eml is kept, index.html lists it and links a readable page, the catcher says
 * where to look, listens on 127.0.0.1 alone, keeps earlier mail across restarts and stops on SIGTERM.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import { ROOT } from './support';

interface Catcher {
  child: ChildProcessWithoutNullStreams;
  port: number;
  output: string[];
  /** Resolves with the first output line matching `pattern` (already printed or to come). */
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

const startCatcher = async (dir: string): Promise<Catcher> => {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'mail-catcher.mjs')], {
    env: { ...process.env, AZUKARI_MAIL_CATCHER_PORT: '0', AZUKARI_MAIL_DIR: dir },
  });
  const output: string[] = [];
  const listeners = new Set<() => void>();
  let buffered = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      output.push(...lines);
      for (const listener of listeners) listener();
    });
  }
  const line = async (pattern: RegExp, timeoutMs = 10_000): Promise<string> =>
    await new Promise((resolve, reject) => {
      const check = () => {
        const found = output.find((l) => pattern.test(l));
        if (found === undefined) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no line matching ${pattern} in:\n${output.join('\n')}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  const listening = await line(/^listening on smtp:\/\/127\.0\.0\.1:\d+ \(127\.0\.0\.1 only\)$/);
  return { child, port: Number(/:(\d+) /.exec(listening)![1]), output, line };
};

const stopCatcher = async (catcher: Catcher): Promise<number | null> =>
  await new Promise((resolve) => {
    catcher.child.once('exit', (code) => resolve(code));
    catcher.child.kill('SIGTERM');
  });

const send = async (port: number, subject: string, html: string): Promise<void> => {
  const transport = createTransport({ host: '127.0.0.1', port, secure: false });
  try {
    await transport.sendMail({
      from: 'Azukari <reports@azukari.localhost>',
      to: 'houkoku@client.example',
      subject,
      text: `${subject} (text)`,
      html,
      messageId: `<${subject.length}-${Date.now()}@azukari.localhost>`,
    });
  } finally {
    transport.close();
  }
};

/** Whether something accepts a TCP connection at host:port. */
const accepts = async (host: string, port: number): Promise<boolean> =>
  await new Promise((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

describe('mail catcher (pnpm start)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'azukari-mail-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps each message as .eml and a readable page, lists it in index.html, and says where', async () => {
    const catcher = await startCatcher(dir);
    try {
      expect(await catcher.line(/^Mail sent by the demo/)).toBe(`Mail sent by the demo: open ${path.join(dir, 'index.html')}`);

      await send(
        catcher.port,
        '【Azukari】第7条第1項：漏えい等事案の発生',
        '<p>報告 <script>alert(1)</script><img src="https://tracker.example/x.png"></p>',
      );
      const received = await catcher.line(/^✉ to houkoku@client\.example: /);
      expect(received).toContain('"【Azukari】第7条第1項：漏えい等事案の発生"');

      const files = readdirSync(dir);
      const eml = files.find((f) => f.endsWith('.eml'))!;
      const pageFile = eml.replace(/\.eml$/, '.html');
      expect(files.sort()).toEqual(['index.html', 'messages.json', eml, pageFile].sort());
      expect(received).toContain(path.join(dir, pageFile));
      expect(readFileSync(path.join(dir, eml), 'utf8')).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);

      const index = readFileSync(path.join(dir, 'index.html'), 'utf8');
      expect(index).toContain(`<a href="${pageFile}">【Azukari】第7条第1項：漏えい等事案の発生</a>`);
      expect(index).toContain('houkoku@client.example');

      // The message's page: headers, the text, and the HTML in a frame that runs no script and loads nothing remote.
      const page = readFileSync(path.join(dir, pageFile), 'utf8');
      expect(page).toContain('Content-Security-Policy" content="default-src \'none\'');
      expect(page).toContain('<iframe sandbox title="HTML body" srcdoc="&lt;p&gt;報告 &lt;script&gt;');
      expect(page).not.toMatch(/<script|<img/);
      expect(page).toContain('【Azukari】第7条第1項：漏えい等事案の発生 (text)');
      expect(page).toContain(`<a href="${eml}">`);
    } finally {
      expect(await stopCatcher(catcher)).toBe(0);
    }
  });

  it('listens on 127.0.0.1 alone', async () => {
    const catcher = await startCatcher(dir);
    try {
      expect(await accepts('127.0.0.1', catcher.port)).toBe(true);
      // Every other address of this machine (IPv6 loopback included) refuses.
      const others = Object.values(networkInterfaces())
        .flat()
        .filter((a) => a !== undefined && a.address !== '127.0.0.1')
        .map((a) => a!.address);
      for (const address of [...new Set(['::1', ...others])])
        expect([address, await accepts(address, catcher.port)]).toEqual([address, false]);
    } finally {
      await stopCatcher(catcher);
    }
  });

  it('keeps the mail of an earlier run when started again', async () => {
    const first = await startCatcher(dir);
    await send(first.port, 'First run', '<p>1</p>');
    await first.line(/"First run"/);
    expect(await stopCatcher(first)).toBe(0);

    const second = await startCatcher(dir);
    try {
      await send(second.port, 'Second run', '<p>2</p>');
      await second.line(/"Second run"/);
      const index = readFileSync(path.join(dir, 'index.html'), 'utf8');
      expect(index).toContain('Mail caught by <code>pnpm start</code> (2)');
      // Newest first.
      expect(index.indexOf('Second run')).toBeLessThan(index.indexOf('First run'));
      expect(readdirSync(dir).filter((f) => f.endsWith('.eml'))).toHaveLength(2);
    } finally {
      await stopCatcher(second);
    }
  });
});
