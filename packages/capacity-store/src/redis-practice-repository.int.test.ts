import { randomUUID } from 'node:crypto';
import { deleteByPrefix } from '@sluice/testkit';
import { RedisCapacityStore } from './redis-capacity-store';
import { RedisPracticeRepository } from './redis-practice-repository';
import { runPracticeRepositoryContract } from './practice-repository.contract';

runPracticeRepositoryContract('redis', async () => {
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  const store = new RedisCapacityStore({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix });
  return {
    repo: new RedisPracticeRepository(store.redis, prefix),
    cleanup: async () => {
      await deleteByPrefix(store.redis, prefix);
      await store.close();
    },
  };
});
