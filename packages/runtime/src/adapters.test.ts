import { MemoryCapacityStore, RedisCapacityStore } from '@sluice/capacity-store';
import { loadEnv } from '@sluice/config';
import { InProcessEventBus } from '@sluice/event-bus';
import { MemoryRequestLedger, RedisRequestLedger } from '@sluice/request-ledger';
import { createAdapters } from './adapters';

describe('createAdapters: the one place a backend is chosen', () => {
  it('happy: the embedded default is in-process and in memory, with SLUICE_NOW fixing the clock', async () => {
    const a = await createAdapters(loadEnv({ LOG_LEVEL: 'silent', SLUICE_NOW: '2026-11-30T10:00:00Z' }), 'test');
    expect(a.bus).toBeInstanceOf(InProcessEventBus);
    expect(a.store).toBeInstanceOf(MemoryCapacityStore);
    expect(a.ledger).toBeInstanceOf(MemoryRequestLedger);
    expect(a.redis).toBeNull();
    expect(a.clock.now().toISOString()).toBe('2026-11-30T10:00:00.000Z');
    await a.close();
  });

  it('happy: SLUICE_STORE=redis gives Redis-backed store, repository and ledger', async () => {
    const a = await createAdapters(loadEnv({ LOG_LEVEL: 'silent', SLUICE_STORE: 'redis', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', SLUICE_REDIS_PREFIX: 'test:adapters:' }), 'test');
    expect(a.store).toBeInstanceOf(RedisCapacityStore);
    expect(a.ledger).toBeInstanceOf(RedisRequestLedger);
    expect(a.redis).not.toBeNull();
    await a.storeWatch?.stop();
    await a.redis!.del('test:adapters:generation'); // the store watch's key (store-watch.ts)
    await a.close();
  });
});
