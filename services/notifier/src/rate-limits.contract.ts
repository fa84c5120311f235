/** The contract both rate-limit stores pass (memory for the embedded default, Redis shared by replicas). */
import { randomUUID } from 'node:crypto';
import type { BucketSettings, RecipientLimiter, TokenBucket } from './rate-limits';

export interface RateLimitFixture {
  bucket(settings: BucketSettings): TokenBucket;
  recipients(limits: { windowMs: number; any: number; identical: number }): RecipientLimiter;
  cleanup(): Promise<void>;
}

export function runRateLimitContract(name: string, factory: () => Promise<RateLimitFixture>): void {
  describe(`rate limits contract: ${name}`, () => {
    let fx: RateLimitFixture;
    beforeAll(async () => (fx = await factory()));
    afterAll(async () => fx.cleanup());

    it('happy: the bucket lets a tenth of the limit through at once, then says how long to wait', async () => {
      const bucket = fx.bucket({ limit: 100, windowMs: 60_000 });
      const takes = [];
      for (let i = 0; i < 12; i++) takes.push(await bucket.take());
      expect(takes.filter((t) => t.allowed)).toHaveLength(10);
      const refused = takes[11]!;
      expect(refused.allowed).toBe(false);
      // 90 tokens a minute refill: one every ~667 ms.
      expect(!refused.allowed && refused.retryAfterMs).toBeGreaterThan(100);
      expect(!refused.allowed && refused.retryAfterMs).toBeLessThanOrEqual(700);
    });

    it('happy: the bucket refills over time', async () => {
      const bucket = fx.bucket({ limit: 20, windowMs: 1000 }); // burst 2, 18 a second
      await bucket.take();
      await bucket.take();
      expect((await bucket.take()).allowed).toBe(false);
      await new Promise((r) => setTimeout(r, 150));
      expect((await bucket.take()).allowed).toBe(true);
    });

    it('happy: concurrent takers never get more than the burst', async () => {
      const bucket = fx.bucket({ limit: 300, windowMs: 60_000 });
      const takes = await Promise.all(Array.from({ length: 60 }, () => bucket.take()));
      expect(takes.filter((t) => t.allowed)).toHaveLength(30);
    });

    it('happy: a recipient gets at most N identical messages, then is refused with a wait', async () => {
      const limiter = fx.recipients({ windowMs: 60_000, any: 10, identical: 3 });
      const who = randomUUID();
      const hits = [];
      for (let i = 0; i < 4; i++) hits.push(await limiter.hit(who, 'same-text', `ref-${i}`));
      expect(hits.slice(0, 3).every((h) => h.allowed)).toBe(true);
      expect(hits[3]).toMatchObject({ allowed: false, limit: 'identical' });
      expect((await limiter.hit(who, 'other-text', 'ref-x')).allowed).toBe(true);
    });

    it('happy: a recipient gets at most M messages of any kind; another recipient is not affected', async () => {
      const limiter = fx.recipients({ windowMs: 60_000, any: 3, identical: 3 });
      const who = randomUUID();
      for (let i = 0; i < 3; i++) expect((await limiter.hit(who, `text-${i}`, `ref-${i}`)).allowed).toBe(true);
      expect(await limiter.hit(who, 'text-9', 'ref-9')).toMatchObject({ allowed: false, limit: 'any' });
      expect((await limiter.hit(randomUUID(), 'text-9', 'ref-9')).allowed).toBe(true);
    });

    it('happy: the same message retried is counted once', async () => {
      const limiter = fx.recipients({ windowMs: 60_000, any: 2, identical: 2 });
      const who = randomUUID();
      for (let i = 0; i < 5; i++) expect((await limiter.hit(who, 't', 'ref-1')).allowed).toBe(true);
      expect((await limiter.hit(who, 't', 'ref-2')).allowed).toBe(true);
    });

    it('happy: the window slides: old messages stop counting', async () => {
      const limiter = fx.recipients({ windowMs: 100, any: 1, identical: 1 });
      const who = randomUUID();
      expect((await limiter.hit(who, 't', 'a')).allowed).toBe(true);
      expect((await limiter.hit(who, 't', 'b')).allowed).toBe(false);
      await new Promise((r) => setTimeout(r, 150));
      expect((await limiter.hit(who, 't', 'c')).allowed).toBe(true);
    });
  });
}
