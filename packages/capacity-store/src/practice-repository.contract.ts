import { randomUUID } from 'node:crypto';
import type { PracticeRepository } from './practice-repository';

export function runPracticeRepositoryContract(
  name: string,
  factory: () => Promise<{ repo: PracticeRepository; cleanup: () => Promise<void> }>,
): void {
  describe(`PracticeRepository contract: ${name}`, () => {
    let fx: { repo: PracticeRepository; cleanup: () => Promise<void> };
    beforeAll(async () => {
      fx = await factory();
    });
    afterAll(async () => fx.cleanup());

    it('happy: stores and returns documents by practice, as copies', async () => {
      const p = `P${randomUUID().slice(0, 5)}`;
      expect(await fx.repo.getConfig(p)).toBeNull();
      const config = { policy: 'bma-safe-working' };
      await fx.repo.putConfig(p, config);
      config.policy = 'changed';
      expect(await fx.repo.getConfig(p)).toEqual({ policy: 'bma-safe-working' });
      await fx.repo.putRota(p, '2026-11-30', { clinicians: [] });
      expect(await fx.repo.getRota(p, '2026-11-30')).toEqual({ clinicians: [] });
      expect(await fx.repo.getRota(p, '2026-12-01')).toBeNull();
      await fx.repo.putWeeklyRota(p, { monday: { clinicians: [] } });
      expect(await fx.repo.getWeeklyRota(p)).toEqual({ monday: { clinicians: [] } });
      expect(await fx.repo.listPractices()).toContain(p);
    });

    it('happy: a pause can be set and cleared', async () => {
      const p = `P${randomUUID().slice(0, 5)}`;
      await fx.repo.putPause(p, { reason: 'flood', until: '2026-12-01T00:00:00Z' });
      expect(await fx.repo.getPause(p)).toMatchObject({ reason: 'flood' });
      await fx.repo.putPause(p, null);
      expect(await fx.repo.getPause(p)).toBeNull();
    });

    it("happy: every settings write moves that practice's settings version on, and nothing else does", async () => {
      const p = `P${randomUUID().slice(0, 5)}`;
      const other = `P${randomUUID().slice(0, 5)}`;
      expect(await fx.repo.settingsVersions([])).toEqual([]);
      const seen = [...(await fx.repo.settingsVersions([p, other]))];
      expect(seen).toEqual(['', '']);
      const writes = [
        () => fx.repo.putConfig(p, { policy: 'bma-safe-working' }),
        () => fx.repo.putWeeklyRota(p, { monday: { clinicians: [] } }),
        () => fx.repo.putRota(p, '2026-11-30', { clinicians: [] }),
        () => fx.repo.putPause(p, { reason: 'flood', until: '2026-12-01T00:00:00Z' }),
        () => fx.repo.putPause(p, null),
      ];
      const versions = [''];
      for (const write of writes) {
        await write();
        const [v, o] = await fx.repo.settingsVersions([p, other]);
        expect(versions).not.toContain(v);
        expect(o).toBe('');
        versions.push(v!);
      }
      // Levels and fair use are not settings: a replica's cached settings stay good across them.
      await fx.repo.swapLevel(p, '2026-11-30', 'AMBER');
      await fx.repo.recordRoutine(p, 'h', 'r1', 1_000, 3600);
      expect(await fx.repo.settingsVersions([p])).toEqual([versions[versions.length - 1]]);
    });

    it('happy: swapLevel returns the previous level, once per change', async () => {
      const p = `P${randomUUID().slice(0, 5)}`;
      expect(await fx.repo.swapLevel(p, '2026-11-30', 'GREEN')).toBeNull();
      expect(await fx.repo.swapLevel(p, '2026-11-30', 'AMBER')).toBe('GREEN');
      expect(await fx.repo.getLevel(p, '2026-11-30')).toBe('AMBER');
    });

    it("happy: fair use counts a patient's routine requests in the window, and staff can override", async () => {
      const p = `P${randomUUID().slice(0, 5)}`;
      const h = randomUUID().replace(/-/g, '');
      await fx.repo.recordRoutine(p, h, 'r1', 1_000, 3600);
      await fx.repo.recordRoutine(p, h, 'r2', 5_000, 3600);
      await fx.repo.recordRoutine(p, h, 'r1', 9_000, 3600); // a redelivery: keeps its first time
      expect(await fx.repo.countRecentRoutine(p, h, 0)).toBe(2);
      expect(await fx.repo.countRecentRoutine(p, h, 2_000)).toBe(1);
      expect(await fx.repo.countRecentRoutine(p, 'other', 0)).toBe(0);
      const until = Date.now() + 60_000;
      expect(await fx.repo.hasFairUseOverride(p, h, Date.now())).toBe(false);
      await fx.repo.putFairUseOverride(p, h, until);
      expect(await fx.repo.hasFairUseOverride(p, h, Date.now())).toBe(true);
      expect(await fx.repo.hasFairUseOverride(p, h, until + 1)).toBe(false);
    });

    it('security: a revoked key is found no more; listing shows a practice its own keys only', async () => {
      const p = `P${randomUUID().slice(0, 5)}`;
      const other = `P${randomUUID().slice(0, 5)}`;
      const key = (id: string, practice: string, at: string) => ({
        id,
        practice,
        hash: randomUUID().replace(/-/g, ''),
        createdAt: at,
      });
      const [a, b, c] = [
        key('ka', p, '2026-11-30T09:00:00Z'),
        key('kb', p, '2026-11-30T10:00:00Z'),
        key('kc', other, '2026-11-30T09:30:00Z'),
      ];
      for (const k of [b, a, c]) await fx.repo.putApiKey(k);
      expect((await fx.repo.listApiKeys(p)).map((k) => k.id)).toEqual(['ka', 'kb']);
      expect(await fx.repo.revokeApiKey(other, 'ka')).toBe(false); // another practice's id revokes nothing
      expect(await fx.repo.findApiKey(a.hash)).not.toBeNull();
      expect(await fx.repo.revokeApiKey(p, 'ka')).toBe(true);
      expect(await fx.repo.findApiKey(a.hash)).toBeNull();
      expect(await fx.repo.revokeApiKey(p, 'ka')).toBe(false);
      expect((await fx.repo.listApiKeys(p)).map((k) => k.id)).toEqual(['kb']);
      expect((await fx.repo.listApiKeys(other)).map((k) => k.id)).toEqual(['kc']);
    });

    it('security: API keys are found by hash only', async () => {
      const hash = randomUUID().replace(/-/g, '');
      await fx.repo.putApiKey({ id: 'k1', practice: 'A81001', hash, createdAt: '2026-11-30T09:00:00Z' });
      expect(await fx.repo.findApiKey(hash)).toMatchObject({ practice: 'A81001', id: 'k1' });
      expect(await fx.repo.findApiKey('nope')).toBeNull();
    });

    it('happy: a practice is known once set up or given a key, never by a level alone', async () => {
      const [a, b, c] = [0, 1, 2].map(() => `P${randomUUID().slice(0, 5)}`) as [string, string, string];
      expect(await fx.repo.isKnownPractice(a)).toBe(false);
      await fx.repo.putWeeklyRota(a, { monday: { clinicians: [] } });
      await fx.repo.putApiKey({
        id: 'k1',
        practice: b,
        hash: randomUUID().replace(/-/g, ''),
        createdAt: '2026-11-30T09:00:00Z',
      });
      await fx.repo.swapLevel(c, '2026-11-30', 'GREEN');
      expect(await Promise.all([a, b, c].map((p) => fx.repo.isKnownPractice(p)))).toEqual([true, true, false]);
    });

    it('security: clients are found by hash only, listed oldest first, and a revoked one is found no more', async () => {
      const client = (id: string, at: string) => ({
        id,
        name: `tool ${id}`,
        practices: ['A81001'],
        hash: randomUUID().replace(/-/g, ''),
        createdAt: at,
      });
      const [a, b] = [
        client(`c${randomUUID().slice(0, 6)}`, '2026-11-30T10:00:00Z'),
        client(`c${randomUUID().slice(0, 6)}`, '2026-11-30T09:00:00Z'),
      ];
      await fx.repo.putClient({ ...a, rateLimitPerMinute: 120 });
      await fx.repo.putClient(b);
      expect(await fx.repo.findClient(a.hash)).toEqual({ ...a, rateLimitPerMinute: 120 });
      expect(await fx.repo.findClient('nope')).toBeNull();
      const ids = (await fx.repo.listClients()).map((c) => c.id);
      expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
      expect(await fx.repo.revokeClient(a.id)).toBe(true);
      expect(await fx.repo.findClient(a.hash)).toBeNull();
      expect(await fx.repo.revokeClient(a.id)).toBe(false);
      expect((await fx.repo.listClients()).map((c) => c.id)).not.toContain(a.id);
    });
  });
}
