import { randomUUID } from 'node:crypto';
import { runCapacityStoreContract } from './capacity-store.contract';
import { RedisCapacityStore } from './redis-capacity-store';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

runCapacityStoreContract('redis', async () => {
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  const store = new RedisCapacityStore({ url, prefix });
  const peer = new RedisCapacityStore({ url, prefix });
  return {
    store,
    peer: () => peer,
    cleanup: async () => {
      await store.destroy();
      await store.close();
      await peer.close();
    },
  };
});
