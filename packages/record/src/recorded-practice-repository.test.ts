import { randomUUID } from 'node:crypto';
import { MemoryPracticeRepository } from '@sluice/capacity-store';
import { runPracticeRepositoryContract } from '@sluice/capacity-store/practice-contract';
import { MemoryRecord } from './memory-record';
import { RecordedPracticeRepository, restoreSettings } from './recorded-practice-repository';
import type { SluiceRecord } from './record';

// The write-through repository is a PracticeRepository like any other.
runPracticeRepositoryContract('recorded (memory record in front of memory)', async () => ({
  repo: new RecordedPracticeRepository(new MemoryPracticeRepository(), new MemoryRecord()),
  cleanup: async () => undefined,
}));

describe('RecordedPracticeRepository', () => {
  const NOW = new Date('2026-11-30T09:00:00Z');

  it('happy: settings, pauses with who/why/when and keys go to the record, and a hot store that lost everything gets them back', async () => {
    const record = new MemoryRecord();
    const repo = new RecordedPracticeRepository(new MemoryPracticeRepository(), record, () => NOW);
    await repo.putConfig('A81001', { policy: 'bma-safe-working' });
    await repo.putWeeklyRota('A81001', { monday: { clinicians: [{ role: 'gp', safe: 25 }] } });
    await repo.putRota('A81001', '2026-11-30', { clinicians: [{ role: 'gp', safe: 4 }] });
    await repo.putPause('A81001', {
      reason: 'flooded surgery, no rooms',
      by: 'Dr Ames',
      until: '2026-12-01T00:00:00Z',
    });
    await repo.putPause('A81001', null);
    await repo.putPause('A81001', {
      reason: 'power cut across the site',
      by: 'Ms Byrne',
      until: '2026-12-02T00:00:00Z',
    });
    const key = { id: randomUUID(), practice: 'A81001', hash: 'h'.repeat(64), createdAt: NOW.toISOString() };
    const gone = { id: randomUUID(), practice: 'A81001', hash: 'g'.repeat(64), createdAt: NOW.toISOString() };
    await repo.putApiKey(key);
    await repo.putApiKey(gone);
    expect(await repo.revokeApiKey('A81001', gone.id)).toBe(true);

    expect((await record.pauseAudit('A81001')).map((e) => [e.action, e.by ?? null, e.reason ?? null])).toEqual([
      ['declared', 'Dr Ames', 'flooded surgery, no rooms'],
      ['lifted', null, null],
      ['declared', 'Ms Byrne', 'power cut across the site'],
    ]);
    expect((await record.documentHistory('A81001', 'pause')).map((d) => d.document === null)).toEqual([
      false,
      true,
      false,
    ]);

    // The hot store restarted empty: the record gives it back exactly what it had.
    const empty = new MemoryPracticeRepository();
    expect(await restoreSettings(record, empty)).toEqual({ practices: 1, documents: 4, keys: 1 });
    expect(await empty.getConfig('A81001')).toEqual({ policy: 'bma-safe-working' });
    expect(await empty.getWeeklyRota('A81001')).toEqual({ monday: { clinicians: [{ role: 'gp', safe: 25 }] } });
    expect(await empty.getRota('A81001', '2026-11-30')).toEqual({ clinicians: [{ role: 'gp', safe: 4 }] });
    expect(await empty.getPause('A81001')).toMatchObject({ by: 'Ms Byrne' });
    expect(await empty.findApiKey(key.hash)).toEqual(key);
    expect(await empty.findApiKey(gone.hash)).toBeNull();
    // A second restore finds nothing missing and writes nothing.
    expect(await restoreSettings(record, empty)).toEqual({ practices: 0, documents: 0, keys: 0 });
  });

  it('error: a write the record refuses never reaches the hot store', async () => {
    const record = new MemoryRecord();
    const failing: SluiceRecord = Object.create(record, {
      putDocument: {
        value: async () => {
          throw new Error('record down');
        },
      },
    });
    const hot = new MemoryPracticeRepository();
    const repo = new RecordedPracticeRepository(hot, failing, () => NOW);
    await expect(repo.putConfig('A81001', { policy: 'bma-safe-working' })).rejects.toThrow('record down');
    await expect(repo.putRota('A81001', '2026-11-30', { clinicians: [] })).rejects.toThrow('record down');
    expect(await hot.getConfig('A81001')).toBeNull();
    expect(await hot.getRota('A81001', '2026-11-30')).toBeNull();
    expect(await hot.settingsVersions(['A81001'])).toEqual(['']);
  });
});
