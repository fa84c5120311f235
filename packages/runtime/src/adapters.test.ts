import { MemoryCapacityStore, RedisCapacityStore } from '@sluice/capacity-store';
import { ConfigError, loadEnv } from '@sluice/config';
import { InProcessEventBus } from '@sluice/event-bus';
import { MemoryRequestLedger, RedisRequestLedger } from '@sluice/request-ledger';
import { createAdapters } from './adapters';
import { redisTopology } from './redis-topology';

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
    const a = await createAdapters(
      loadEnv({
        LOG_LEVEL: 'silent',
        SLUICE_STORE: 'redis',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        SLUICE_REDIS_PREFIX: 'test:adapters:',
        REDIS_PERSISTENCE_CHECK: 'off',
      }),
      'test',
    );
    expect(a.store).toBeInstanceOf(RedisCapacityStore);
    expect(a.ledger).toBeInstanceOf(RedisRequestLedger);
    expect(a.redis).not.toBeNull();
    await a.storeWatch?.stop();
    await a.redis!.del('test:adapters:generation'); // the store watch's key (store-watch.ts)
    await a.close();
  });

  it('error: a Redis that persists nothing is refused at start with the reason and the way out', async () => {
    // The shared test Redis runs with appendonly no and save "" (docs: infrastructure notes).
    const env = loadEnv({
      LOG_LEVEL: 'silent',
      SLUICE_STORE: 'redis',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      SLUICE_REDIS_PREFIX: 'test:adapters:',
    });
    expect(env.REDIS_PERSISTENCE_CHECK).toBe('on');
    const refused = createAdapters(env, 'test');
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toThrow(/persists nothing \(appendonly no, save ""\).*REDIS_PERSISTENCE_CHECK=off/);
  });
});

describe('redisTopology: one node, Sentinel or Cluster from configuration', () => {
  it('happy: REDIS_URL by default; sentinels with their master and passwords; cluster nodes', () => {
    expect(redisTopology(loadEnv({ REDIS_URL: 'rediss://:pw@redis.example:6380' }))).toEqual({
      mode: 'single',
      url: 'rediss://:pw@redis.example:6380',
    });
    expect(
      redisTopology(
        loadEnv({
          REDIS_SENTINELS: '10.0.0.1:26379, 10.0.0.2:26379',
          REDIS_SENTINEL_MASTER: 'm1',
          REDIS_PASSWORD: 'p',
          REDIS_SENTINEL_PASSWORD: 's',
        }),
      ),
    ).toEqual({
      mode: 'sentinel',
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26379 },
      ],
      master: 'm1',
      password: 'p',
      sentinelPassword: 's',
    });
    expect(redisTopology(loadEnv({ REDIS_CLUSTER_NODES: '[::1]:7000,127.0.0.1:7001', REDIS_TLS: 'true' }))).toEqual({
      mode: 'cluster',
      nodes: [
        { host: '::1', port: 7000 },
        { host: '127.0.0.1', port: 7001 },
      ],
      tls: true,
    });
  });
  it('error: both topologies, or a node that is not host:port, is a configuration error', () => {
    expect(() => loadEnv({ REDIS_SENTINELS: 'a:1', REDIS_CLUSTER_NODES: 'b:2' })).toThrow(
      /REDIS_CLUSTER_NODES: set REDIS_SENTINELS or REDIS_CLUSTER_NODES, not both/,
    );
    expect(() => redisTopology(loadEnv({ REDIS_CLUSTER_NODES: 'redis.example' }))).toThrow(
      /REDIS_CLUSTER_NODES: "redis.example" is not host:port/,
    );
  });
});
