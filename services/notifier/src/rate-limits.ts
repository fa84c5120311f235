/**
 * Two limits stand between the notifier and a provider. Being over a limit is a value (`allowed:
 * false` with how long to wait); a store that fails throws. Redis implementations are shared by every
 * replica; memory ones serve the embedded default. One contract suite runs against both.
 */

export type Take = { allowed: true } | { allowed: false; retryAfterMs: number };

/** The provider's per-key rate (Notify: 3,000 messages a rolling minute). */
export interface TokenBucket {
  take(): Promise<Take>;
}

export type Hit = { allowed: true } | { allowed: false; limit: 'identical' | 'any'; retryAfterMs: number };

/** What carriers allow one number: 20 identical and 100 messages of any kind an hour. */
export interface RecipientLimiter {
  /** `recipient` and `content` are keyed hashes, never the number or the text. */
  hit(recipient: string, content: string, reference: string): Promise<Hit>;
}

export interface BucketSettings {
  /** Most sends in any window. */
  limit: number;
  windowMs: number;
}

/**
 * A bucket of `burst` tokens refilled at (limit - burst) per window never lets more than `limit`
 * through in any window, however sends are spread: the bucket starts full (burst) and the window
 * adds at most (limit - burst). A tenth of the limit absorbs bursts without risking a 429.
 */
export function bucketShape(s: BucketSettings): { burst: number; refill: number } {
  const burst = Math.max(1, Math.floor(s.limit / 10));
  return { burst, refill: Math.max(1, s.limit - burst) };
}

export const RECIPIENT_LIMITS = { windowMs: 3600_000, any: 100, identical: 20 } as const;

export class MemoryTokenBucket implements TokenBucket {
  private tokens: number;
  private at: number;
  private readonly burst: number;
  private readonly perMs: number;

  constructor(
    settings: BucketSettings,
    private readonly now: () => number = Date.now,
  ) {
    const shape = bucketShape(settings);
    this.burst = shape.burst;
    this.perMs = shape.refill / settings.windowMs;
    this.tokens = this.burst;
    this.at = now();
  }

  async take(): Promise<Take> {
    const now = this.now();
    if (now > this.at) this.tokens = Math.min(this.burst, this.tokens + (now - this.at) * this.perMs);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterMs: Math.ceil((1 - this.tokens) / this.perMs) };
  }
}

export class MemoryRecipientLimiter implements RecipientLimiter {
  /** recipient -> [reference, content, at] in arrival order. */
  private readonly logs = new Map<string, { ref: string; content: string; at: number }[]>();

  constructor(
    private readonly limits: { windowMs: number; any: number; identical: number } = RECIPIENT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  async hit(recipient: string, content: string, reference: string): Promise<Hit> {
    const now = this.now();
    const from = now - this.limits.windowMs;
    const log = (this.logs.get(recipient) ?? []).filter((e) => e.at > from);
    const seen = log.find((e) => e.ref === reference);
    if (!seen) {
      const same = log.filter((e) => e.content === content);
      if (same.length >= this.limits.identical)
        return { allowed: false, limit: 'identical', retryAfterMs: same[0]!.at + this.limits.windowMs - now };
      if (log.length >= this.limits.any)
        return { allowed: false, limit: 'any', retryAfterMs: log[0]!.at + this.limits.windowMs - now };
      log.push({ ref: reference, content, at: now });
    } else seen.at = now;
    if (log.length) this.logs.set(recipient, log);
    else this.logs.delete(recipient);
    if (this.logs.size > 100_000) this.sweep(from);
    return { allowed: true };
  }

  /** Drops recipients with nothing left in the window, so memory stays flat. */
  private sweep(from: number) {
    for (const [k, log] of this.logs) if (!log.some((e) => e.at > from)) this.logs.delete(k);
  }
}
