/**
 * A partner's webhook endpoint, for real: an HTTP server on port 0 that verifies each delivery
 * with the client's secret as Standard Webhooks specifies, and counts each report once by its
 * `webhook-id`, as the design asks a receiver to.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Delivery {
  id: string;
  body: Record<string, any>;
  /** When it arrived (ms since the epoch), for the bench's report-to-webhook latency. */
  receivedAt: number;
}

export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  readonly rejected: string[] = [];
  private readonly seen = new Map<string, Delivery>();
  private secret = '';
  private server: Server | null = null;
  private hold: Promise<void> | null = null;
  private readonly answers: number[] = [];
  /** How long each answer waits after the delivery is taken: a slow endpoint, and a window to kill the sender in. */
  answerDelayMs = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        let held: Promise<void> = Promise.resolve();
        try {
          const body = new Webhook(this.secret).verify(raw, req.headers as Record<string, string>) as Record<string, any>;
          const id = String(req.headers['webhook-id']);
          const refusal = this.answers.shift();
          if (refusal !== undefined) {
            // Refused as the endpoint chose: not taken, so not counted.
            res.statusCode = refusal;
            res.end();
            return;
          }
          const delivery = { id, body, receivedAt: Date.now() };
          this.deliveries.push(delivery);
          if (!this.seen.has(id)) this.seen.set(id, delivery);
          res.statusCode = 204;
          if (this.hold) {
            held = this.hold;
            this.hold = null;
          }
        } catch (error) {
          this.rejected.push((error as Error).message);
          res.statusCode = 400;
        }
        const delay = res.statusCode === 204 ? this.answerDelayMs : 0;
        void held.then(() => setTimeout(() => res.end(), delay));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/azukari`;
    return this;
  }

  /** The client's secret, as createClient returned it once. */
  useSecret(secret: string): void {
    this.secret = secret;
  }

  /**
   * Takes and counts the next delivery as usual but keeps its answer waiting until the returned
   * release is called: the sender has delivered and not yet heard so while the test acts.
   */
  holdNext(): () => void {
    let release!: () => void;
    this.hold = new Promise<void>((resolve) => (release = resolve));
    return release;
  }

  /** Answers the next verified delivery with `status` instead of taking it (410 Gone, say). */
  answerNext(status: number): void {
    this.answers.push(status);
  }

  /** Deliveries of a report beyond its first: what at-least-once delivery allows, counted by webhook-id. */
  get duplicates(): number {
    return this.deliveries.length - this.seen.size;
  }

  /** Reports counted once each, by webhook-id. */
  get reports(): Delivery[] {
    return [...this.seen.values()];
  }

  async waitFor(count: number, timeoutMs = 20_000): Promise<Delivery[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.reports.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} reports, got ${this.reports.length}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.reports;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
