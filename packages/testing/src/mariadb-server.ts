/**
 * A mariadbd of a fault test's own, on a spare port with a throwaway data directory: the test
 * stops and restarts this one, never the shared server. `--no-defaults` keeps it from reading the
 * system's my.cnf, whose socket, pid file and port belong to the shared server.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createDataSource } from '@azukari/db';
import { sparePort } from './redis-server';

/** Small and quick rather than durable: the data lives as long as one test file. */
const SERVER_OPTIONS = [
  '--skip-log-bin',
  '--skip-name-resolve',
  '--performance-schema=OFF',
  '--innodb-buffer-pool-size=16M',
  '--innodb-log-file-size=8M',
  '--innodb-doublewrite=0',
  '--innodb-flush-log-at-trx-commit=0',
  '--innodb-buffer-pool-dump-at-shutdown=OFF',
  '--innodb-buffer-pool-load-at-startup=OFF',
  '--character-set-server=utf8mb4',
  '--collation-server=utf8mb4_general_ci',
];

/** mariadbd refuses to run as root unless told to; the data directory is root's own then. */
const USER_OPTIONS = process.getuid?.() === 0 ? ['--user=root'] : [];

const STOP_GRACE_MS = 30_000;

const findBinary = (name: string): string => {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'];
  const found = dirs.filter(Boolean).find((dir) => existsSync(join(dir, name)));
  if (!found) throw new Error(`${name} not found (is MariaDB installed?)`);
  return join(found, name);
};

export class OwnMariaDbServer {
  private child: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'azukari-mariadb-'));
  private constructor(readonly port: number) {}

  /** Initialises a fresh data directory and starts the server on it. */
  static async start(): Promise<OwnMariaDbServer> {
    const server = new OwnMariaDbServer(await sparePort());
    try {
      await server.init();
      await server.up();
    } catch (error) {
      await server.remove();
      throw error;
    }
    return server;
  }

  /** The server root with an empty password over TCP; append `/<database>`. */
  get url(): string {
    return `mariadb://root@127.0.0.1:${this.port}`;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private async init(): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      execFile(
        findBinary('mariadb-install-db'),
        [
          '--no-defaults',
          `--datadir=${this.dataDir}`,
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
          ...USER_OPTIONS,
          ...SERVER_OPTIONS,
        ],
        (error, _stdout, stderr) => (error ? reject(new Error(`mariadb-install-db failed: ${stderr.slice(-2_000)}`)) : resolve()),
      ),
    );
  }

  /** Starts (or restarts) the server on its port and data directory; returns once it answers a query. */
  async up(): Promise<void> {
    if (this.child) return;
    const child = spawn(
      findBinary('mariadbd'),
      [
        '--no-defaults',
        `--datadir=${this.dataDir}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        `--log-error=${join(this.dir, 'error.log')}`,
        ...USER_OPTIONS,
        ...SERVER_OPTIONS,
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) =>
        reject(new Error(`mariadbd on ${this.port} exited (${signal ?? code}): ${this.errorLogTail()}`)),
      ),
    );
    exited.catch(() => undefined);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const probe = createDataSource({ url: this.url, entities: [], poolSize: 1 });
      try {
        await Promise.race([exited, probe.initialize().then(async () => await probe.query('SELECT 1'))]);
        return;
      } catch (error) {
        if (child.exitCode !== null || child.signalCode !== null) {
          this.child = null;
          throw error;
        }
        if (Date.now() > deadline) {
          await this.down();
          throw new Error(`mariadbd on ${this.port} did not answer within 30 s: ${this.errorLogTail()}`, { cause: error });
        }
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        if (probe.isInitialized) await probe.destroy();
      }
    }
  }

  /** Stops this server only: SIGTERM, a clean shutdown, waited for (SIGKILL after a long grace). */
  async down(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  /** Stops the server and deletes its data directory. */
  async remove(): Promise<void> {
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private errorLogTail(): string {
    try {
      return readFileSync(join(this.dir, 'error.log'), 'utf8').slice(-2_000);
    } catch {
      return '(no error log)';
    }
  }
}
