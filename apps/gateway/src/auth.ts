/**
 * Turns a bearer token into a Principal. contracts owns tokens and answers on its internal route;
 * the gateway caches answers briefly, keyed by a hash of the token. Revocations arrive on a Redis
 * channel and drop the token at once; while that subscription is down (Redis away, reconnecting)
 * the gateway caches nothing, so a revocation it could not hear still takes effect.
 */
import { createHash } from 'node:crypto';
import { DomainError, ErrorCode, isWellFormedApiToken, type Clock, type Logger, type Principal, type ServiceClient } from '@azukari/common';
import { Redis } from 'ioredis';
import { VerifyToken } from '@azukari/routes';

interface Cached {
  principal: Principal;
  until: number;
}

const MAX_CACHED = 10_000;

export class TokenAuthenticator {
  private readonly cache = new Map<string, Cached>();
  private subscriber: Redis | null = null;
  private listening = false;
  /** Set when the channel was lost, so its return is said once, and a first subscribe is not. */
  private lost = false;
  /**
   * Bumped by every revocation and every change of the subscription: an answer from contracts
   * is cached only if nothing happened while it was on its way, so a revocation that overtakes
   * the answer is never cached over.
   */
  private generation = 0;

  constructor(
    private readonly options: {
      services: ServiceClient;
      clock: Clock;
      log: Logger;
      cacheMs: number;
      redisUrl: string;
      channel: string;
    },
  ) {}

  async start(): Promise<void> {
    // Reconnects forever; while it is away, `listening` is false and nothing is cached.
    const subscriber = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null, retryStrategy: (n) => Math.min(n * 200, 2_000) });
    subscriber.on('error', () => undefined);
    this.subscriber = subscriber;
    const stopListening = () => {
      // Said once per outage: ioredis closes again at every failed reconnect.
      if (this.listening) {
        this.options.log.warn('revocation channel lost: token cache off until it is back');
        this.lost = true;
      }
      this.generation += 1;
      this.listening = false;
      this.cache.clear();
    };
    subscriber.on('close', stopListening);
    subscriber.on('end', stopListening);
    subscriber.on('ready', () => {
      subscriber.subscribe(this.options.channel).then(
        () => {
          this.generation += 1;
          this.cache.clear();
          this.listening = true;
          if (this.lost) this.options.log.info('revocation channel back: token cache on');
          this.lost = false;
        },
        (error: unknown) => this.options.log.warn({ err: (error as Error).message }, 'could not subscribe to revocations'),
      );
    });
    subscriber.on('message', (_channel: string, message: string) => {
      this.generation += 1;
      try {
        const { tokenId } = JSON.parse(message) as { tokenId: string };
        for (const [key, entry] of this.cache) if (entry.principal.tokenId === tokenId) this.cache.delete(key);
      } catch {
        this.cache.clear();
      }
    });
  }

  get cacheActive(): boolean {
    return this.listening && this.options.cacheMs > 0;
  }

  async authenticate(token: string, trace: string): Promise<Principal> {
    if (!isWellFormedApiToken(token)) {
      throw new DomainError(
        ErrorCode.UNAUTHENTICATED,
        'The token is not a well-formed Azukari API token (azk_...). Check that it was copied whole.',
      );
    }
    const key = createHash('sha256').update(token).digest('base64url');
    const now = this.options.clock.now().getTime();
    const hit = this.cacheActive ? this.cache.get(key) : undefined;
    if (hit && hit.until > now) return hit.principal;

    const generation = this.generation;
    const answer = await this.options.services.call(VerifyToken, { token }, null, trace);
    if (!answer.principal)
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The token is unknown, revoked or expired. Ask an administrator for a new one.');
    if (this.cacheActive && generation === this.generation) {
      const expiry = answer.expiresAt ? Date.parse(answer.expiresAt) : Number.POSITIVE_INFINITY;
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, { principal: answer.principal, until: Math.min(now + this.options.cacheMs, expiry) });
    }
    return answer.principal;
  }

  close(): void {
    this.subscriber?.disconnect();
  }
}
