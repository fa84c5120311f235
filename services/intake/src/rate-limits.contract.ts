import type { IntakeLimiter } from './rate-limits';

/** One suite for every store the limits run on (memory in the embedded default, Redis otherwise). */
export function runIntakeLimiterContract(
  name: string,
  factory: () => Promise<{ limiter: IntakeLimiter; cleanup: () => Promise<void> }>,
): void {
  describe(`IntakeLimiter contract: ${name}`, () => {
    let fx: { limiter: IntakeLimiter; cleanup: () => Promise<void> };
    beforeAll(async () => {
      fx = await factory();
    });
    afterAll(async () => fx.cleanup());
    const practice = () => `P${Math.random().toString().slice(2, 7)}`;

    it('happy: a practice takes its limit in a minute, then is refused with the wait; another is not', async () => {
      const [a, b] = [practice(), practice()];
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await fx.limiter.take({ practice: a, practiceLimit: 3 }));
      expect(results.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
      expect(results[3]).toMatchObject({ allowed: false, scope: 'practice' });
      const wait = (results[3] as { retryAfterSeconds: number }).retryAfterSeconds;
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
      expect(await fx.limiter.take({ practice: b, practiceLimit: 3 })).toEqual({ allowed: true });
    });

    it('happy: a client over its limit is refused as the client, and gives the practice its point back', async () => {
      const p = practice();
      const c = { id: `c-${practice()}`, limit: 1 };
      expect(await fx.limiter.take({ practice: p, practiceLimit: 2, client: c })).toEqual({ allowed: true });
      for (let i = 0; i < 3; i++)
        expect(await fx.limiter.take({ practice: p, practiceLimit: 2, client: c })).toMatchObject({
          allowed: false,
          scope: 'client',
        });
      expect(await fx.limiter.take({ practice: p, practiceLimit: 2 })).toEqual({ allowed: true });
      expect(await fx.limiter.take({ practice: p, practiceLimit: 2 })).toMatchObject({
        allowed: false,
        scope: 'practice',
      });
    });
  });
}
