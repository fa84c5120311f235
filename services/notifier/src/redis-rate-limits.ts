import type { RedisClient } from '@sluice/redis-scripts';
import { defineScripts, loadScript } from './lua';
import {
  bucketShape,
  RECIPIENT_LIMITS,
  type BucketSettings,
  type Hit,
  type RecipientLimiter,
  type Take,
  type TokenBucket,
} from './rate-limits';

const SCRIPTS = { take: loadScript('take-token-1.lua'), hit: loadScript('recipient-limit-2.lua') };

/** One bucket for every replica: one atomic script call per send, timed by Redis's clock. */
export class RedisTokenBucket implements TokenBucket {
  private readonly run: ReturnType<typeof defineScripts<keyof typeof SCRIPTS>>;
  private readonly shape: { burst: number; refill: number };

  constructor(
    redis: RedisClient,
    private readonly key: string,
    private readonly settings: BucketSettings,
  ) {
    this.run = defineScripts(redis, SCRIPTS);
    this.shape = bucketShape(settings);
  }

  async take(): Promise<Take> {
    const [ok, ms] = (await this.run.take(
      this.key,
      this.shape.burst,
      this.shape.refill,
      this.settings.windowMs,
      1,
    )) as [number, number];
    return ok === 1 ? { allowed: true } : { allowed: false, retryAfterMs: Math.max(1, Number(ms)) };
  }
}

export class RedisRecipientLimiter implements RecipientLimiter {
  private readonly run: ReturnType<typeof defineScripts<keyof typeof SCRIPTS>>;

  constructor(
    redis: RedisClient,
    private readonly prefix: string,
    private readonly limits: { windowMs: number; any: number; identical: number } = RECIPIENT_LIMITS,
  ) {
    this.run = defineScripts(redis, SCRIPTS);
  }

  async hit(recipient: string, content: string, reference: string): Promise<Hit> {
    const base = `${this.prefix}{r:${recipient}}`;
    const [code, ms] = (await this.run.hit(
      `${base}:any`,
      `${base}:same:${content}`,
      this.limits.windowMs,
      this.limits.any,
      this.limits.identical,
      reference,
    )) as [number, number];
    if (code === 1) return { allowed: true };
    return { allowed: false, limit: code === -1 ? 'identical' : 'any', retryAfterMs: Math.max(1, Number(ms)) };
  }
}
