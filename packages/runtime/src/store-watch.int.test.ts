import { randomUUID } from 'node:crypto';
import { loadEnv } from '@sluice/config';
import { deleteByPrefix } from '@sluice/testkit';
import { createAdapters } from './adapters';

describe('store watch: Redis losing its data', () => {
  it('fault: the generation key vanishing makes the store not ready, then gives Redis every setting and key back from the record', async () => {
    const prefix = `test:watch:${randomUUID().slice(0, 8)}:`;
    const a = await createAdapters(
      loadEnv({
        LOG_LEVEL: 'silent',
        SLUICE_STORE: 'redis',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        SLUICE_REDIS_PREFIX: prefix,
        SLUICE_DATA_DIR: 'memory',
        SLUICE_NOW: '2026-11-30T10:00:00Z',
        REDIS_PERSISTENCE_CHECK: 'off',
      }),
      'test',
    );
    try {
      const watch = a.storeWatch!;
      expect(watch.ready()).toBe(true);
      expect(await watch.check()).toBe(false);
      const rota = { clinicians: [{ id: 'gp1', role: 'GP', contacts: 4 }] };
      await a.repo.putConfig('A81001', { policy: 'bma-safe-working' });
      await a.repo.putRota('A81001', '2026-11-30', rota);
      await a.repo.putRota('A81001', '2026-11-01', rota); // a past day: history, not hot state
      await a.repo.putApiKey({
        id: 'k1',
        practice: 'A81001',
        hash: 'a'.repeat(64),
        createdAt: '2026-11-30T09:00:00.000Z',
      });
      const version = (await a.repo.settingsVersions(['A81001']))[0];

      // Every key of this Sluice gone, as FLUSHALL or an empty restart would leave it (the shared
      // test Redis is not flushed: other suites use it).
      await deleteByPrefix(a.redis!, prefix);
      expect(await a.repo.getRota('A81001', '2026-11-30')).toBeNull();
      // Readiness, sampled on every turn of the event loop while the check runs.
      const states: boolean[] = [];
      let sampling = true;
      const sample = () => {
        states.push(watch.ready());
        if (sampling) setImmediate(sample);
      };
      sample();
      expect(await watch.check()).toBe(true);
      sampling = false;
      expect(states).toContain(false);
      expect(watch.ready()).toBe(true);

      expect(await a.repo.getConfig('A81001')).toEqual({ policy: 'bma-safe-working' });
      expect(await a.repo.getRota('A81001', '2026-11-30')).toEqual(rota);
      expect(await a.repo.getRota('A81001', '2026-11-01')).toBeNull();
      expect(await a.repo.findApiKey('a'.repeat(64))).toMatchObject({ id: 'k1', practice: 'A81001' });
      // A new settings version: no capacity replica keeps settings it parsed before the loss.
      expect((await a.repo.settingsVersions(['A81001']))[0]).not.toBe(version);
      expect(await watch.check()).toBe(false);
      expect(await a.metrics.registry.metrics()).toMatch(/sluice_store_restores_total 1/);
    } finally {
      await a.storeWatch?.stop();
      await deleteByPrefix(a.redis!, prefix);
      await a.close();
    }
  });
});
