import type { Cluster, Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** What one refused sign-in costs its source: how many failures it now has, and how long to hold it. */
export interface SignInFailure {
  failures: number;
  /** Milliseconds to wait before answering this attempt. */
  delayMs: number;
}

export interface SignInThrottle {
  /** Seconds until this source may try again, or 0 when it may now. */
  blockedFor(source: string): Promise<number>;
  /** Counts a refused key against its source. */
  failed(source: string): Promise<SignInFailure>;
  /** A good key clears its source's failures. */
  succeeded(source: string): Promise<void>;
}

export interface SignInThrottleOptions {
  /** Redis (shared by every console process), or none for memory in this one. */
  redis?: Redis | Cluster | null;
  prefix?: string;
  /** Failures a source may have in the window before it is refused outright. */
  maxFailures?: number;
  windowSeconds?: number;
  /** The first failure's delay; each further one doubles it, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Failed sign-ins slowed, then refused, per source address. Every failure in the window makes the next
 * answer wait longer; beyond `maxFailures` the source is refused until the window passes. A proxy in
 * front puts many staff behind one address, so the refusal threshold is high and the delay does most
 * of the work: keys are 256-bit random, so this is hygiene against a noisy guesser, not the defence.
 */
export function createSignInThrottle(o: SignInThrottleOptions = {}): SignInThrottle {
  const maxFailures = o.maxFailures ?? 50;
  const baseDelayMs = o.baseDelayMs ?? 250;
  const maxDelayMs = o.maxDelayMs ?? 4000;
  const opts = {
    points: maxFailures,
    duration: o.windowSeconds ?? 900,
    keyPrefix: `${o.prefix ?? 'sluice:'}sign-in-failures`,
  };
  const limiter: RateLimiterAbstract = o.redis
    ? new RateLimiterRedis({
        ...opts,
        storeClient: o.redis,
        useRedisPackage: false,
        insuranceLimiter: new RateLimiterMemory(opts),
      })
    : new RateLimiterMemory(opts);
  const delay = (failures: number) => Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, failures - 1));

  return {
    async blockedFor(source) {
      const r = await limiter.get(source);
      return r && r.consumedPoints >= maxFailures ? Math.max(1, Math.ceil(r.msBeforeNext / 1000)) : 0;
    },
    async failed(source) {
      try {
        const r = await limiter.consume(source);
        return { failures: r.consumedPoints, delayMs: delay(r.consumedPoints) };
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        return { failures: e.consumedPoints, delayMs: maxDelayMs };
      }
    },
    async succeeded(source) {
      await limiter.delete(source);
    },
  };
}
