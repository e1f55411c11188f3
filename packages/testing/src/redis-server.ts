/**
 * A redis-server of a fault test's own, on a spare port: the test stops and restarts this one,
 * never the shared service.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export const sparePort = async (): Promise<number> =>
  await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface OwnRedisOptions {
  /** `noeviction` (what BullMQ needs) unless a test wants to see another refused. */
  maxmemoryPolicy?: string;
  /** More redis-server arguments, e.g. `['--rename-command', 'CONFIG', '']` as managed Redis does. */
  args?: string[];
}

export class OwnRedisServer {
  private child: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'azukari-redis-'));
  private constructor(
    readonly port: number,
    private readonly options: OwnRedisOptions = {},
  ) {}

  static async start(options: OwnRedisOptions = {}): Promise<OwnRedisServer> {
    const server = await OwnRedisServer.reserve(options);
    await server.up();
    return server;
  }

  /** A port of its own with nothing listening yet: Redis down before anything ever reached it. */
  static async reserve(options: OwnRedisOptions = {}): Promise<OwnRedisServer> {
    return new OwnRedisServer(await sparePort(), options);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (or restarts) the server; AOF on, as in production, so a restart keeps the queues. */
  async up(): Promise<void> {
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--save',
        '',
        '--maxmemory-policy',
        this.options.maxmemoryPolicy ?? 'noeviction',
        ...(this.options.args ?? []),
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not start`);
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        probe.disconnect();
      }
    }
  }

  async down(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    this.child = null;
  }
}
