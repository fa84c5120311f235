import type { Cluster, Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Over a limit is a value (which one, and how long until a request would be taken); a store failure throws. */
export type LimitResult =
  { allowed: true } | { allowed: false; scope: 'client' | 'practice'; retryAfterSeconds: number };

export interface IntakeLimiter {
  /**
   * Counts one request against its practice's limit and, for a client, the client's. A request the
   * client's limit refuses gives its practice's point back: one client's flood must not use up the
   * practice's allowance for its other tools.
   */
  take(o: { practice: string; practiceLimit: number; client?: { id: string; limit: number } }): Promise<LimitResult>;
}

export interface IntakeLimiterOptions {
  /** Redis (the same store as the rest), or none for the embedded default's memory. */
  redis?: Redis | Cluster | null;
  prefix?: string;
}

const WINDOW_SECONDS = 60;

/**
 * Per-minute limits with rate-limiter-flexible, one limiter per distinct figure (the library fixes a
 * limiter's points; practices and clients may each have their own). Keys carry the practice's hash tag,
 * so each sits in the practice's cluster slot beside its other keys.
 */
export function createIntakeLimiter(o: IntakeLimiterOptions = {}): IntakeLimiter {
  const prefix = o.prefix ?? 'sluice:';
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiter = (scope: 'client' | 'practice', points: number): RateLimiterAbstract => {
    const k = `${scope}:${points}`;
    let l = limiters.get(k);
    if (!l) {
      const opts = { points, duration: WINDOW_SECONDS, keyPrefix: `${prefix}rl-${scope}` };
      // Redis failing (an error, not a slow answer) hands over to a memory limiter in this process: the
      // library's insurance, so limits still hold per process while the shared store is away.
      l = o.redis
        ? new RateLimiterRedis({
            ...opts,
            storeClient: o.redis,
            useRedisPackage: false,
            insuranceLimiter: new RateLimiterMemory(opts),
          })
        : new RateLimiterMemory(opts);
      limiters.set(k, l);
    }
    return l;
  };
  const retryAfter = (r: RateLimiterRes) => Math.max(1, Math.ceil(r.msBeforeNext / 1000));
  /** Over the limit resolves to the library's answer; a store failure is thrown on. */
  const consume = async (l: RateLimiterAbstract, key: string): Promise<RateLimiterRes | null> => {
    try {
      await l.consume(key);
      return null;
    } catch (e) {
      if (e instanceof RateLimiterRes) return e;
      throw e;
    }
  };

  return {
    async take({ practice, practiceLimit, client }) {
      const p = limiter('practice', practiceLimit);
      const over = await consume(p, `{${practice}}`);
      if (over) return { allowed: false, scope: 'practice', retryAfterSeconds: retryAfter(over) };
      if (!client) return { allowed: true };
      const c = await consume(limiter('client', client.limit), client.id);
      if (!c) return { allowed: true };
      await p.reward(`{${practice}}`, 1).catch(() => undefined);
      return { allowed: false, scope: 'client', retryAfterSeconds: retryAfter(c) };
    },
  };
}
