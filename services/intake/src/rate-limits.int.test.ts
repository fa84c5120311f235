import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { deleteByPrefix, redisUrl } from '@sluice/testkit';
import { createIntakeLimiter } from './rate-limits';
import { runIntakeLimiterContract } from './rate-limits.contract';

runIntakeLimiterContract('redis', async () => {
  const redis = new Redis(redisUrl());
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  return {
    limiter: createIntakeLimiter({ redis, prefix }),
    cleanup: async () => {
      await deleteByPrefix(redis, prefix);
      redis.disconnect();
    },
  };
});
