import fc from 'fast-check';
import type { SafeguardLevel } from '@sluice/contracts';
import { LEVELS, levelOf, levelRank, nextLevel, type LevelUsage, type Thresholds } from './levels';

const t: Thresholds = { amberPct: 80, hysteresisPct: 5 };
/** Three GPs: routine 60, urgent 15. */
const usage = (routine: number, urgent = 0, extra: Partial<LevelUsage> = {}): LevelUsage => ({
  routine: { used: routine, limit: 60 },
  urgent: { used: urgent, limit: 15 },
  ...extra,
});

describe('levelOf', () => {
  it.each<[string, SafeguardLevel, LevelUsage]>([
    ['nothing used', 'GREEN', usage(0)],
    ['routine just under 80 %', 'GREEN', usage(47)],
    ['routine at 80 %', 'AMBER', usage(48)],
    ['routine used up', 'RED', usage(60)],
    ['routine over (overbooked)', 'RED', usage(61)],
    ['urgent used up, routine not', 'BLACK', usage(10, 15)],
    ['urgent used up and routine used up', 'BLACK', usage(60, 15)],
    ['declared BLACK with nothing used', 'BLACK', usage(0, 0, { declaredBlack: true })],
    [
      'a working day with no capacity at all',
      'BLACK',
      { routine: { used: 0, limit: 0 }, urgent: { used: 0, limit: 0 } },
    ],
    [
      'a non-working day with no capacity',
      'GREEN',
      { routine: { used: 0, limit: 0 }, urgent: { used: 0, limit: 0 }, workingDay: false },
    ],
    [
      'a non-working day declared BLACK',
      'BLACK',
      { routine: { used: 0, limit: 0 }, urgent: { used: 0, limit: 0 }, workingDay: false, declaredBlack: true },
    ],
    ['no urgent share, none used', 'GREEN', { routine: { used: 0, limit: 75 }, urgent: { used: 0, limit: 0 } }],
    ['no urgent share, one overbooked', 'BLACK', { routine: { used: 75, limit: 75 }, urgent: { used: 1, limit: 0 } }],
    [
      'no routine share (all held for urgent)',
      'RED',
      { routine: { used: 0, limit: 0 }, urgent: { used: 0, limit: 1 } },
    ],
  ])('%s → %s', (_name, want, u) => {
    expect(levelOf(u, t)).toBe(want);
  });

  it('queue age raises AMBER when configured', () => {
    const aged = { ...t, queueAgeAmberMinutes: 120 };
    expect(levelOf(usage(10, 0, { oldestQueuedMinutes: 120 }), aged)).toBe('GREEN');
    expect(levelOf(usage(10, 0, { oldestQueuedMinutes: 121 }), aged)).toBe('AMBER');
    expect(levelOf(usage(10, 0, { oldestQueuedMinutes: 999 }), t)).toBe('GREEN'); // not configured
  });

  it('thresholds are per practice', () => {
    expect(levelOf(usage(42), { ...t, amberPct: 70 })).toBe('AMBER');
    expect(levelOf(usage(42), t)).toBe('GREEN');
  });
});

describe('nextLevel: hysteresis', () => {
  /** Runs usage changes from GREEN and returns the level after each. */
  const run = (steps: LevelUsage[], th: Thresholds = t) => {
    let level: SafeguardLevel = 'GREEN';
    return steps.map((u) => (level = nextLevel(level, u, th)));
  };
  const changes = (levels: SafeguardLevel[]) => levels.filter((l, i) => i > 0 && l !== levels[i - 1]).length;

  it('rises at once, even past a level', () => {
    expect(nextLevel('GREEN', usage(60), t)).toBe('RED');
    expect(nextLevel('GREEN', usage(0, 15), t)).toBe('BLACK');
  });

  it('one cancellation at the RED threshold does not flap', () => {
    const levels = run([usage(59), usage(60), usage(59), usage(60), usage(59), usage(60)]);
    expect(levels).toEqual(['AMBER', 'RED', 'RED', 'RED', 'RED', 'RED']);
    expect(changes(levels)).toBe(1);
  });

  it('one cancellation at the BLACK threshold does not flap, even with a small urgent share', () => {
    // 5 % of 15 is 0.75 of a contact: the band is still one whole contact.
    const levels = run([usage(60, 14), usage(60, 15), usage(60, 14), usage(60, 15), usage(60, 13)]);
    expect(levels).toEqual(['RED', 'BLACK', 'BLACK', 'BLACK', 'RED']);
  });

  it('falls from RED only more than 5 points below 100 %', () => {
    // band = 5 % of 60 = 3 contacts: stays at 57 (95 %), falls at 56
    expect(nextLevel('RED', usage(57), t)).toBe('RED');
    expect(nextLevel('RED', usage(56), t)).toBe('AMBER');
  });

  it('falls from AMBER only more than 5 points below 80 %', () => {
    expect(run([usage(48), usage(47), usage(46), usage(45), usage(44)])).toEqual([
      'AMBER',
      'AMBER',
      'AMBER',
      'AMBER',
      'GREEN',
    ]);
  });

  it('falls through several levels at once when usage drops far (a clinician added)', () => {
    const moreCapacity: LevelUsage = { routine: { used: 60, limit: 120 }, urgent: { used: 15, limit: 30 } };
    expect(nextLevel('BLACK', moreCapacity, t)).toBe('GREEN');
  });

  it('falls one step when only the upper band is cleared', () => {
    expect(nextLevel('BLACK', usage(58, 10), t)).toBe('RED'); // urgent cleared, routine still in RED's band
  });

  it('a declaration holds BLACK; withdrawing it lets the level fall', () => {
    expect(nextLevel('BLACK', usage(0, 0, { declaredBlack: true }), t)).toBe('BLACK');
    expect(nextLevel('BLACK', usage(0, 0), t)).toBe('GREEN');
  });

  it('with hysteresis 0 it follows usage exactly', () => {
    const none = { ...t, hysteresisPct: 0 };
    expect(run([usage(60), usage(59), usage(60)], none)).toEqual(['RED', 'AMBER', 'RED']);
  });

  it('leaves BLACK with an urgent share of one contact once it is unused (was stuck: the band equalled the trigger)', () => {
    const oneUrgent: LevelUsage = { routine: { used: 0, limit: 4 }, urgent: { used: 0, limit: 1 } };
    expect(nextLevel('BLACK', oneUrgent, t)).not.toBe('BLACK');
    expect(nextLevel('BLACK', oneUrgent, t)).toBe('GREEN');
    // ...and still holds it while that one contact is used.
    expect(nextLevel('BLACK', { ...oneUrgent, urgent: { used: 1, limit: 1 } }, t)).toBe('BLACK');
  });

  it('leaves AMBER with a routine share of one contact (the band is at most half of 0.8)', () => {
    expect(nextLevel('AMBER', { routine: { used: 0, limit: 1 }, urgent: { used: 0, limit: 1 } }, t)).toBe('GREEN');
  });

  it('with no previous level it is the level of the usage', () => {
    expect(nextLevel(null, usage(50), t)).toBe('AMBER');
  });

  describe('properties', () => {
    const share = fc
      .integer({ min: 0, max: 200 })
      .chain((limit) => fc.record({ limit: fc.constant(limit), used: fc.integer({ min: 0, max: limit + 20 }) }));
    const anyUsage = fc.record({
      routine: share,
      urgent: share,
      oldestQueuedMinutes: fc.integer({ min: 0, max: 600 }),
    });
    const anyThresholds = fc.record({
      amberPct: fc.integer({ min: 1, max: 99 }),
      hysteresisPct: fc.integer({ min: 0, max: 50 }),
      queueAgeAmberMinutes: fc.option(fc.integer({ min: 1, max: 600 }), { nil: undefined }),
    });
    const level = fc.constantFrom(...LEVELS);
    const bandOf = (limit: number, h: number, at: number) =>
      h > 0 && limit > 0 ? Math.min(Math.max(1, (limit * h) / 100), at / 2) : 0;

    it('never below the memoryless level, never above the previous one when falling', () => {
      fc.assert(
        fc.property(level, anyUsage, anyThresholds, (prev, u, th) => {
          const raw = levelOf(u, th);
          const next = nextLevel(prev, u, th);
          expect(levelRank(next)).toBeGreaterThanOrEqual(levelRank(raw));
          expect(levelRank(next)).toBeLessThanOrEqual(Math.max(levelRank(prev), levelRank(raw)));
        }),
      );
    });

    it('never skips the hysteresis band: leaving a level means usage is below its trigger by more than the band', () => {
      fc.assert(
        fc.property(level, anyUsage, anyThresholds, (prev, u, th) => {
          const next = nextLevel(prev, u, th);
          const left = (l: SafeguardLevel) => levelRank(prev) >= levelRank(l) && levelRank(next) < levelRank(l);
          if (left('BLACK') && u.urgent.limit + u.routine.limit > 0) {
            const at = Math.max(u.urgent.limit, 1);
            expect(u.urgent.used).toBeLessThan(at - bandOf(u.urgent.limit, th.hysteresisPct, at));
          }
          if (left('RED'))
            expect(u.routine.used).toBeLessThan(
              u.routine.limit - bandOf(u.routine.limit, th.hysteresisPct, u.routine.limit),
            );
          if (left('AMBER')) {
            const at = (u.routine.limit * th.amberPct) / 100;
            expect(u.routine.used).toBeLessThan(at - bandOf(u.routine.limit, th.hysteresisPct, at));
          }
        }),
      );
    });

    // Every share size from 0 to 200, each level and several band widths: at zero usage (nothing
    // declared, no queue) the level is the memoryless one, whatever the level before; and for each
    // level there is a usage of the share it watches that leaves it.
    const SIZES = Array.from({ length: 201 }, (_, i) => i);
    const BANDS: Thresholds[] = [0, 1, 5, 10, 25, 50].flatMap((hysteresisPct) =>
      [50, 80, 99].map((amberPct) => ({ amberPct, hysteresisPct })),
    );

    it('every level is left once usage falls to zero, for every routine and urgent share from 0 to 200', () => {
      const stuck: string[] = [];
      for (const th of BANDS.filter((b) => b.amberPct === 80)) {
        for (const r of SIZES) {
          for (const g of SIZES) {
            const zero: LevelUsage = { routine: { used: 0, limit: r }, urgent: { used: 0, limit: g } };
            const raw = levelOf(zero, th);
            for (const prev of LEVELS)
              if (nextLevel(prev, zero, th) !== raw) stuck.push(`${prev} r${r} u${g} h${th.hysteresisPct}`);
          }
        }
      }
      expect(stuck.slice(0, 10)).toEqual([]);
    });

    it('every level can be left by its own share falling, for every share size from 0 to 200', () => {
      const stuck: string[] = [];
      for (const th of BANDS) {
        for (const n of SIZES) {
          if (n === 0) continue; // a zero share is at its trigger with nothing used: RED (routine) is then the memoryless level
          // BLACK through the urgent share (routine roomy), RED and AMBER through the routine share.
          const black = (used: number): LevelUsage => ({
            routine: { used: 0, limit: 100 },
            urgent: { used, limit: n },
          });
          const routine = (used: number): LevelUsage => ({
            routine: { used, limit: n },
            urgent: { used: 0, limit: 100 },
          });
          const leaves = (level: SafeguardLevel, at: (used: number) => LevelUsage) =>
            SIZES.slice(0, n + 1).some(
              (used) => levelRank(levelOf(at(used), th)) < levelRank(level) && nextLevel(level, at(used), th) !== level,
            );
          if (!leaves('BLACK', black)) stuck.push(`BLACK urgent ${n} h${th.hysteresisPct}`);
          if (!leaves('RED', routine)) stuck.push(`RED routine ${n} h${th.hysteresisPct}`);
          if (!leaves('AMBER', routine)) stuck.push(`AMBER routine ${n} h${th.hysteresisPct} a${th.amberPct}`);
        }
      }
      expect(stuck.slice(0, 10)).toEqual([]);
    });

    it('the band is always smaller than its trigger', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 200 }), anyThresholds, (limit, th) => {
          for (const at of [limit, (limit * th.amberPct) / 100, Math.max(limit, 1)])
            if (at > 0) expect(bandOf(limit, th.hysteresisPct, at)).toBeLessThan(at);
          // The level code agrees with this band: at used = 0 below any positive trigger, a level is left.
          expect(
            nextLevel('RED', { routine: { used: 0, limit: Math.max(limit, 1) }, urgent: { used: 0, limit: 1 } }, th),
          ).not.toBe('RED');
        }),
      );
    });

    it('is idempotent: the same usage again changes nothing', () => {
      fc.assert(
        fc.property(level, anyUsage, anyThresholds, (prev, u, th) => {
          const once = nextLevel(prev, u, th);
          expect(nextLevel(once, u, th)).toBe(once);
        }),
      );
    });
  });
});
