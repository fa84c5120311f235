import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisSessionStore } from '../src';
import { runSessionStoreContract } from '../src/session/session-store.contract';

runSessionStoreContract('redis', async () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  return {
    store: new RedisSessionStore(redis, prefix),
    // Redis expires keys on its own clock: wait it out (the suite's longest wait is about a second).
    elapse: (seconds) => new Promise((r) => setTimeout(r, seconds * 1000)),
    cleanup: async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    },
  };
});
