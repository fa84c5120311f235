// The capacity store's and practice repository's contract suites again, on a Redis Cluster of three
// masters (started here on loopback): the same suites, another factory. Then what only a Cluster can
// show: a batch whose practices fall in every node's slots is decided whole, and the registry, the
// demand counts and the settings versions span nodes without CROSSSLOT.
import { randomUUID } from 'node:crypto';
import { Cluster } from 'ioredis';
import { createRedisConnector, type RedisConnector } from '@sluice/redis-scripts';
import { deleteByPrefix, startPrivateCluster, type PrivateCluster } from '@sluice/testkit';
import type { DecideInput } from './capacity-store';
import { runCapacityStoreContract } from './capacity-store.contract';
import { runPracticeRepositoryContract } from './practice-repository.contract';
import { RedisCapacityStore } from './redis-capacity-store';
import { RedisPracticeRepository } from './redis-practice-repository';

jest.setTimeout(60_000);

let cluster: PrivateCluster;
let connector: RedisConnector;
beforeAll(async () => {
  cluster = await startPrivateCluster();
  connector = createRedisConnector({ mode: 'cluster', nodes: cluster.nodeList });
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

runCapacityStoreContract('redis cluster', async () => {
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  const store = new RedisCapacityStore({ connector, prefix });
  const peer = new RedisCapacityStore({ connector, prefix });
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

runPracticeRepositoryContract('redis cluster', async () => {
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  const store = new RedisCapacityStore({ connector, prefix });
  return {
    repo: new RedisPracticeRepository(store.redis, prefix),
    cleanup: async () => {
      await deleteByPrefix(store.redis, prefix);
      await store.close();
    },
  };
});

describe('RedisCapacityStore on a Redis Cluster', () => {
  it("happy: one decide() batch over practices in every node's slots is decided whole, each practice within its capacity", async () => {
    const prefix = `test:${randomUUID().slice(0, 8)}:`;
    const store = new RedisCapacityStore({ connector, prefix });
    const repo = new RedisPracticeRepository(store.redis, prefix);
    try {
      // 60 practices: their {ods} slots land on all three masters (each holds a third of the 16,384 slots).
      const practices = Array.from({ length: 60 }, (_, i) => `C${String(10000 + i)}`);
      const slots = practices.map((p) => connector.slotOf(`{${p}}`));
      expect(new Set(slots.map((s) => Math.floor(s / (16384 / 3)))).size).toBe(3);
      const day = '2026-11-30';
      const inputs: DecideInput[] = [];
      // Interleaved, three requests a practice against two places: the third is queued.
      for (let round = 0; round < 3; round++) {
        for (const p of practices) {
          inputs.push({
            practice: p,
            requestId: randomUUID(),
            arrivalMs: 1_000 + round,
            payload: '{}',
            defaultLimits: { routine: 2, urgent: 0, admin: 0 },
            plan: {
              type: 'reserve',
              day,
              shares: ['routine'],
              acceptedReason: 'accepted-routine',
              onFull: { type: 'queue', list: 'clinical', priority: 1, reasonCode: 'queued-capacity' },
            },
          });
        }
      }
      const results = await store.decide(inputs);
      // Every master holds some of the batch's records.
      const masters = (store.redis as Cluster).nodes('master');
      expect(masters).toHaveLength(3);
      for (const m of masters)
        expect((await m.scan('0', 'MATCH', `${prefix}*`, 'COUNT', 10_000))[1].length).toBeGreaterThan(0);
      expect(results).toHaveLength(inputs.length);
      results.forEach((r, i) => expect(r.decision.requestId).toBe(inputs[i]!.requestId));
      results.forEach((r, i) => expect(r.decision.outcome).toBe(i < 2 * practices.length ? 'accepted' : 'queued'));
      // Redelivered whole: every answer is the stored one, nothing reserved again.
      const again = await store.decide(inputs);
      expect(again.every((r) => r.duplicate)).toBe(true);
      for (const p of practices) expect((await store.usage(p, day)).used.routine).toBe(2);
      // Registry, demand and settings versions across every node.
      expect(await store.practices()).toEqual([...practices].sort());
      await store.recordDemand(practices.map((p) => ({ practice: p, day, hour: 9, kind: 'clinical' as const })));
      for (const p of practices.slice(0, 5)) expect((await store.demandByHour(p, day)).clinical[9]).toBe(1);
      for (const p of practices) await repo.putConfig(p, { n: p });
      const versions = await repo.settingsVersions(practices);
      expect(new Set(versions).size).toBe(practices.length);
    } finally {
      await deleteByPrefix(store.redis, prefix);
      await store.close();
    }
  });
});
