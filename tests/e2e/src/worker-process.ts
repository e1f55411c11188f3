/**
 * The worker as its own process (apps/worker/dist/main.js, as deployed), over a stack's Redis,
 * queue prefix, services and SMTP server: what a fault test kills with SIGKILL mid-delivery and
 * starts again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { testKeys, sparePort } from '@azukari/testing';
import type { Stack } from './stack';

export class WorkerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(stack: Stack, options: { deliveryTimeoutMs?: number } = {}): Promise<WorkerProcess> {
    const keys = await testKeys();
    const port = await sparePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      APOLLO_TELEMETRY_DISABLED: 'true',
      AZUKARI_LOG_LEVEL: process.env.AZUKARI_TEST_LOG_LEVEL ?? 'silent',
      AZUKARI_WORKER_PORT: String(port),
      AZUKARI_REDIS_URL: stack.resources.redisUrl,
      AZUKARI_QUEUE_PREFIX: stack.resources.queuePrefix,
      AZUKARI_SIGNING_KEY: JSON.stringify(keys.privateKey('worker')),
      AZUKARI_CONTRACTS_URL: stack.serviceUrls.contracts,
      AZUKARI_CUSTODY_URL: stack.serviceUrls.custody,
      AZUKARI_PERSONNEL_URL: stack.serviceUrls.personnel,
      AZUKARI_INCIDENTS_URL: stack.serviceUrls.incidents,
      AZUKARI_SMTP_URL: stack.mail.url,
      AZUKARI_PUBLIC_URL: 'https://api.azukari.test',
      AZUKARI_WEBHOOK_ALLOW: '127.0.0.1:32768-65535',
      AZUKARI_DELIVERY_TIMEOUT_MS: String(options.deliveryTimeoutMs ?? 10_000),
    };
    const child = spawn(process.execPath, [require.resolve('@azukari/worker/dist/main.js')], { env, stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    for (;;) {
      const ready = await fetch(`${url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return new WorkerProcess(child, url);
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the worker process did not become ready (exit ${child.exitCode})`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Dies at once, mid-job: no close, no lock released. */
  kill(): Promise<void> {
    return this.stop('SIGKILL');
  }

  /** A graceful stop, as a deployment's SIGTERM. */
  terminate(): Promise<void> {
    return this.stop('SIGTERM');
  }

  private async stop(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    await exited;
  }
}
