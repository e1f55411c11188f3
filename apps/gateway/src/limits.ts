/**
 * What one request may cost: graphql-armor's depth, cost, alias, directive and token limits (and
 * no field suggestions, which would reveal the schema to a caller probing it), and a rate limit
 * per token held in Redis, so that it holds across gateways; an in-memory limiter stands in while
 * Redis is away.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { DomainError, ErrorCode } from '@azukari/common';
import type { Limits } from './config';

export const armorFor = (limits: Limits) =>
  new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { n: limits.maxTokens },
    blockFieldSuggestion: { enabled: true },
  }).protect();

export class RequestRateLimiter {
  private readonly limiter: RateLimiterRedis;

  constructor(redis: Redis, prefix: string, perMinute: number) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:rate`,
      points: perMinute,
      duration: 60,
      insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
    });
  }

  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        const seconds = Math.ceil(error.msBeforeNext / 1000);
        throw new DomainError(ErrorCode.RATE_LIMITED, `Too many requests for this token. Retry in ${seconds} s.`, {
          retryAfterSeconds: seconds,
        });
      }
      throw error;
    }
  }
}
