import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createSignInThrottle, type SignInThrottleOptions } from '../src/console/sign-in-throttle';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
afterAll(() => redis.disconnect());

const stores: [string, () => Partial<SignInThrottleOptions>][] = [
  ['memory', () => ({})],
  ['Redis', () => ({ redis, prefix: `test:${randomUUID()}:` })],
];

describe.each(stores)('the sign-in throttle (%s)', (_name, store) => {
  const options = () => ({ ...store(), maxFailures: 5, windowSeconds: 60, baseDelayMs: 100, maxDelayMs: 800 });

  it('error: each failure from a source waits twice as long as the last, up to the cap, then the source is refused', async () => {
    const t = createSignInThrottle(options());
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      expect(await t.blockedFor('10.0.0.1')).toBe(0);
      seen.push((await t.failed('10.0.0.1')).delayMs);
    }
    expect(seen).toEqual([100, 200, 400, 800, 800]);
    const wait = await t.blockedFor('10.0.0.1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    // Another source is untouched.
    expect(await t.blockedFor('10.0.0.2')).toBe(0);
    expect(await t.failed('10.0.0.2')).toEqual({ failures: 1, delayMs: 100 });
  });

  it('happy: a good key clears its source: the next failure is the first again', async () => {
    const t = createSignInThrottle(options());
    await t.failed('10.0.0.3');
    await t.failed('10.0.0.3');
    await t.succeeded('10.0.0.3');
    expect(await t.failed('10.0.0.3')).toEqual({ failures: 1, delayMs: 100 });
  });
});
