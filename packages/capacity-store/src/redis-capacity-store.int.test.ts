import { randomUUID } from 'node:crypto';
import { deleteByPrefix } from '@sluice/testkit';
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
      await deleteByPrefix(store.redis, prefix);
      await store.close();
      await peer.close();
    },
  };
});

describe('RedisCapacityStore retention', () => {
  it('happy: day and request keys expire after the retention period; waiting lists do not', async () => {
    const prefix = `test:${randomUUID().slice(0, 8)}:`;
    const store = new RedisCapacityStore({ url, prefix, retentionSeconds: 3600 });
    const id = randomUUID();
    await store.decide([
      {
        practice: 'A81001',
        requestId: id,
        arrivalMs: 1,
        payload: '{}',
        defaultLimits: { routine: 0, urgent: 0, admin: 0 },
        plan: {
          type: 'reserve',
          day: '2026-11-30',
          shares: ['routine'],
          acceptedReason: 'accepted-routine',
          onFull: { type: 'queue', list: 'clinical', priority: 1, reasonCode: 'queued-capacity' },
        },
      },
    ]);
    const ttl = async (k: string) => store.redis.ttl(`${prefix}{A81001}:${k}`);
    expect(await ttl('day:2026-11-30')).toBeGreaterThan(3500);
    expect(await ttl(`dec:${id}`)).toBeGreaterThan(3500);
    expect(await ttl('wait:clinical')).toBe(-1);
    await deleteByPrefix(store.redis, prefix);
    await store.close();
  });
});
