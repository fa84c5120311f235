import fc from 'fast-check';
import { PracticeConfig } from '@sluice/contracts';
import { createCalendar, londonInstant, safeCapacity, type Rota } from '@sluice/domain';
import {
  backtest,
  dailyDemand,
  forecastDays,
  levelTimes,
  replayDay,
  suggestRota,
  syntheticHistory,
  type DemandRecord,
} from './index';

const calendar = createCalendar();
const config = PracticeConfig.parse({});
const gps = (n: number, contacts = 25): Rota => ({
  clinicians: Array.from({ length: n }, (_, i) => ({ id: `gp${i + 1}`, role: 'GP' as const, contacts })),
});

describe('levelTimes', () => {
  // 100 contacts: urgent 20, routine 80; AMBER at 64 routine contacts.
  const capacity = safeCapacity(gps(4), config);
  const flat = (perHour: number, urgentShare = 0) => {
    const hours = Array.from({ length: 11 }, (_, i) => (i === 10 ? perHour / 2 : perHour));
    const total = hours.reduce((s, h) => s + h, 0);
    return { beforeOpen: 0, hours, clinical: total, admin: 0, urgent: total * urgentShare };
  };

  it('finds when routine demand reaches AMBER and RED, and stays below BLACK with no urgent demand', () => {
    const t = levelTimes(flat(10), capacity, config); // 10 routine an hour from 08:00
    expect(t.reach).toEqual({ AMBER: '14:24', RED: '16:00' }); // 64 and 80 contacts
    expect(t.endLevel).toBe('RED');
    expect(t.usedByHour[0]).toBe(10);
    expect(t.usedByHour.at(-1)).toBe(80);
    expect(t.beyondCapacity).toBe(25);
  });

  it('stays GREEN all day when demand is well within capacity', () => {
    expect(levelTimes(flat(4), capacity, config)).toMatchObject({ reach: {}, endLevel: 'GREEN', beyondCapacity: 0 });
  });

  it('is BLACK from opening on a working day with no capacity', () => {
    expect(levelTimes(flat(1), safeCapacity(null, config), config)).toMatchObject({
      reach: { AMBER: '08:00', RED: '08:00', BLACK: '08:00' },
      endLevel: 'BLACK',
    });
  });

  it('reaches each level no earlier than the one below it, and never leaves a level (fuzzed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 8 }),
        (perHour, urgent, n) => {
          const t = levelTimes(flat(perHour, urgent), safeCapacity(gps(n), config), config);
          const order = ['AMBER', 'RED', 'BLACK'] as const;
          for (let i = 1; i < order.length; i++) {
            const higher = t.reach[order[i]!];
            if (higher !== undefined) expect(t.reach[order[i - 1]!]! <= higher).toBe(true);
          }
          for (let i = 1; i < t.usedByHour.length; i++)
            expect(t.usedByHour[i]!).toBeGreaterThanOrEqual(t.usedByHour[i - 1]!);
        },
      ),
    );
  });
});

describe('replayDay (what-if)', () => {
  const records = syntheticHistory({ listSize: 10_000, from: '2026-01-05', weeks: 9, calendar, seed: 3 });
  const monday = '2026-03-02';

  it('with a bigger rota, queues fewer patients and accounts for every request of the day', () => {
    const actual = replayDay({ day: monday, requests: records, config, rota: gps(3), calendar });
    const whatIf = replayDay({ day: monday, requests: records, config, rota: gps(6), calendar });
    const served = dailyDemand(records, calendar).find((d) => d.day === monday)!.total;
    for (const r of [actual, whatIf]) {
      expect(r.requests).toBe(served);
      expect(r.totals.accepted + r.totals.queued + r.totals.redirected).toBe(served);
      const byReason = [r.accepted, r.queued, r.redirected]
        .flatMap((o) => Object.values(o))
        .reduce((s, n) => s + (n ?? 0), 0);
      expect(byReason).toBe(served);
    }
    expect(whatIf.totals.queued).toBeLessThan(actual.totals.queued);
    expect(whatIf.toldTomorrowOrLater).toBeLessThan(actual.toldTomorrowOrLater);
    expect(actual.waitingByHour.at(-1)!.waiting).toBe(actual.toldTomorrowOrLater);
    expect(actual.levels.map((l) => l.level)).toContain('RED');
  });

  it('never admits beyond safe capacity except onto the duty clinician, flagged', () => {
    const r = replayDay({ day: monday, requests: records, config, rota: gps(2), calendar });
    const clinicalAccepted = r.totals.accepted - (r.accepted['accepted-admin'] ?? 0);
    // Admin requests have their own allowance and may also arrive before opening (accepted-next-working-day).
    expect(r.capacity).toEqual({ routine: 40, urgent: 10, admin: 20 });
    expect(clinicalAccepted).toBeLessThanOrEqual(
      r.capacity.routine + r.capacity.urgent + r.capacity.admin + r.overbooked,
    );
    expect(r.accepted['accepted-duty-clinician'] ?? 0).toBe(r.overbooked);
  });

  it('uses the practice’s policy: bma-safe-working with signposting sends routine overflow away instead of queueing it', () => {
    const bma = PracticeConfig.parse({ policy: 'bma-safe-working', beyondCapacity: 'signpost' });
    const gms = replayDay({ day: monday, requests: records, config, rota: gps(3), calendar });
    const signposted = replayDay({ day: monday, requests: records, config: bma, rota: gps(3), calendar });
    expect(signposted.totals.queued).toBeLessThan(gms.totals.queued);
    expect(signposted.totals.redirected).toBeGreaterThan(gms.totals.redirected);
  });

  it('replays only the requests the day served, in arrival order', () => {
    const requests: DemandRecord[] = [
      { receivedAt: londonInstant('2026-03-03', 9, 0), kind: 'clinical', urgency: 'routine' }, // Tuesday: not Monday's
      { receivedAt: londonInstant('2026-03-02', 10, 0), kind: 'clinical', urgency: 'routine' },
      { receivedAt: londonInstant('2026-03-01', 20, 0), kind: 'clinical', urgency: 'routine' }, // Sunday evening: Monday's
    ];
    const r = replayDay({ day: monday, requests, config, rota: gps(1, 1), calendar });
    expect(r.requests).toBe(2);
    // One contact, all of it routine after the urgent share's rounding: the Sunday request takes it, Monday's waits.
    expect(r.accepted).toEqual({ 'accepted-next-working-day': 1 });
    expect(r.queued).toEqual({ 'queued-capacity': 1 });
  });
});

describe('suggestRota', () => {
  const history = dailyDemand(
    syntheticHistory({ listSize: 10_000, from: '2026-01-05', weeks: 8, calendar, seed: 9 }),
    calendar,
  );
  const [monday] = forecastDays(history, { from: '2026-03-02', days: 1, calendar });

  it('finds the smallest extra contacts that keep the day at or below AMBER at the top of its interval', () => {
    const rota = gps(3);
    const s = suggestRota(monday!, rota, config)!;
    expect(s.endLevel.now).not.toMatch(/GREEN|AMBER/);
    expect(s.endLevel.suggested).toMatch(/GREEN|AMBER/);
    expect(s.extraContacts).toBeGreaterThan(0);
    const total = (r: Rota) => r.clinicians.reduce((n, c) => n + (c.contacts ?? 25), 0);
    expect(total(s.rota)).toBe(total(rota) + s.extraContacts);
    // One contact fewer is not enough: the suggestion is the smallest.
    const fewer = suggestRota(
      monday!,
      { clinicians: [...rota.clinicians, { id: 'x', role: 'GP', contacts: s.extraContacts - 1 }] },
      config,
    )!;
    expect(fewer.extraContacts).toBe(1);
  });

  it('suggests nothing when the rota is already enough', () => {
    const s = suggestRota(monday!, gps(20), config)!;
    expect(s).toMatchObject({ extraContacts: 0, endLevel: { now: 'GREEN', suggested: 'GREEN' } });
  });
});

describe('backtest', () => {
  it('beats both naive baselines on MAPE over a year and a quarter, with the 80 % interval covering most days', () => {
    const history = dailyDemand(
      syntheticHistory({ listSize: 8_000, from: '2025-01-06', weeks: 64, calendar, seed: 21 }),
      calendar,
    );
    const r = backtest(history, calendar, '2025-03-03');
    expect(r.days).toBeGreaterThan(200);
    expect(r.mape.forecast).toBeLessThan(r.mape.sameDayLastWeek);
    expect(r.mape.forecast).toBeLessThan(r.mape.weekdayMean);
    expect(r.coverage).toBeGreaterThan(0.65);
    expect(r.coverage).toBeLessThan(0.95);
  });
});
