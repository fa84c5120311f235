import { MemoryPracticeRepository } from '@sluice/capacity-store';
import { defaultCalendar } from '../src/deps';
import { PracticeContextCache } from '../src/practice-context';

const gp = (contacts: number) => ({ clinicians: [{ id: 'gp1', role: 'GP', contacts }] });

describe('PracticeContextCache', () => {
  it("happy: reads a practice's documents once while its settings are unchanged, and afresh after any write", async () => {
    const repo = new MemoryPracticeRepository();
    const reads = jest.spyOn(repo, 'getConfig');
    const cache = new PracticeContextCache(repo, defaultCalendar);
    await repo.putWeeklyRota('A81001', { monday: gp(10) });

    const first = (await cache.load(['A81001', 'B82002'])).get('A81001')!;
    expect((await first.limits('2026-11-30')).routine).toBeGreaterThan(0);
    const again = (await cache.load(['A81001'])).get('A81001')!;
    expect(again).toBe(first);
    expect(reads).toHaveBeenCalledTimes(2); // one per practice, not per batch

    await repo.putWeeklyRota('A81001', { monday: gp(20) });
    const changed = (await cache.load(['A81001'])).get('A81001')!;
    expect(changed).not.toBe(first);
    expect((await changed.limits('2026-11-30')).routine).toBeGreaterThan((await first.limits('2026-11-30')).routine);

    await repo.putPause('A81001', {
      reason: 'flooded surgery, closed',
      until: '2026-12-01T00:00:00Z',
      by: 'practice manager',
    });
    expect((await cache.load(['A81001'])).get('A81001')!.activePause(new Date('2026-11-30T10:00:00Z'))).not.toBeNull();
    expect(reads).toHaveBeenCalledTimes(4);
  });

  it('happy: stays within its bound, dropping the practice read longest ago', async () => {
    const repo = new MemoryPracticeRepository();
    const reads = jest.spyOn(repo, 'getConfig');
    const cache = new PracticeContextCache(repo, defaultCalendar, 2);
    await cache.load(['P1', 'P2', 'P3']);
    await cache.load(['P3']);
    expect(reads).toHaveBeenCalledTimes(3);
    await cache.load(['P1']);
    expect(reads).toHaveBeenCalledTimes(4);
  });
});
