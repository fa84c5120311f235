import { createCalendar, londonInstant } from '@sluice/domain';
import { dailyDemand, dayType, forecastDays, syntheticHistory, type DemandRecord } from './index';

const calendar = createCalendar();
const LIST = 10_000;

describe('daily demand', () => {
  it('counts a request made after 18:30 or at the weekend towards the next working day, before it opens', () => {
    const records: DemandRecord[] = [
      { receivedAt: londonInstant('2026-03-06', 19, 0), kind: 'clinical', urgency: 'routine' }, // Friday evening
      { receivedAt: londonInstant('2026-03-07', 11, 0), kind: 'admin', urgency: 'routine' }, // Saturday
      { receivedAt: londonInstant('2026-03-09', 8, 15), kind: 'clinical', urgency: 'urgent' }, // Monday 08:15
      { receivedAt: londonInstant('2026-03-09', 18, 10), kind: 'clinical', urgency: 'routine' }, // Monday 18:10
    ];
    const [monday] = dailyDemand(records, calendar);
    expect(monday).toEqual({
      day: '2026-03-09',
      total: 4,
      beforeOpen: 2,
      hours: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
      clinical: 3,
      admin: 1,
      urgent: 1,
    });
  });
});

describe('day types', () => {
  it('treats the first working day after a bank holiday as a Monday', () => {
    expect(dayType(calendar, '2026-04-07')).toBe('monday'); // Tuesday after Easter Monday
    expect(dayType(calendar, '2026-04-08')).toBe('wednesday');
    expect(dayType(calendar, '2026-03-10')).toBe('tuesday');
  });
});

describe('forecastDays', () => {
  // Nine weeks from one generator: eight as history, the ninth as the truth the forecast never sees.
  const records = syntheticHistory({ listSize: LIST, from: '2026-01-05', weeks: 9, calendar, seed: 11 });
  const all = dailyDemand(records, calendar);
  const history = all.filter((d) => d.day < '2026-03-02');
  const truth = new Map(all.filter((d) => d.day >= '2026-03-02').map((d) => [d.day, d.total]));
  const week = forecastDays(history, { from: '2026-03-02', days: 5, calendar, listSize: LIST });

  it('forecasts a Monday within 15 % of the truth, with the truth inside its 80 % interval', () => {
    const monday = week[0]!;
    const actual = truth.get('2026-03-02')!;
    expect(monday.basis).toBe('history');
    expect(Math.abs(monday.expected! - actual) / actual).toBeLessThanOrEqual(0.15);
    expect(actual).toBeGreaterThanOrEqual(monday.low!);
    expect(actual).toBeLessThanOrEqual(monday.high!);
  });

  it('puts the Monday peak above Friday', () => {
    expect(week.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
    expect(week[0]!.expected!).toBeGreaterThan(week[4]!.expected!);
  });

  it('splits each day into before-open and core hours, and by kind, adding up to the expected figure', () => {
    for (const d of week) {
      const hours = d.hours!.reduce((s, h) => s + h, 0);
      expect(hours + d.beforeOpen!).toBeCloseTo(d.expected!, 0);
      expect(d.byKind!.clinical + d.byKind!.admin).toBeCloseTo(d.expected!, 0);
      expect(d.hours).toHaveLength(d.hourStarts.length);
      expect(d.low!).toBeLessThan(d.expected!);
      expect(d.high!).toBeGreaterThan(d.expected!);
    }
  });

  it('falls back to a prior from the list size with little history, and says so', () => {
    const [d] = forecastDays(history.slice(0, 6), { from: '2026-03-02', days: 1, calendar, listSize: LIST });
    expect(d!.basis).toBe('list-size-prior');
    expect(d!.expected).toBeCloseTo(LIST * 0.065 * 0.28, 0);
    expect(d!.basisText).toMatch(/list of 10000 patients/);
  });

  it('gives no figure rather than a made-up one with neither history nor a list size', () => {
    const [d] = forecastDays([], { from: '2026-03-02', days: 1, calendar });
    expect(d).toMatchObject({ basis: 'none', expected: null, low: null, high: null, hours: null });
  });

  it('skips weekends and bank holidays, and uses no history on or after its origin', () => {
    const days = forecastDays(all, { from: '2026-04-03', days: 3, calendar, listSize: LIST, asOf: '2026-03-02' });
    expect(days.map((d) => [d.date, d.dayType])).toEqual([
      ['2026-04-07', 'monday'], // Good Friday and Easter Monday skipped; Tuesday opens after them
      ['2026-04-08', 'wednesday'],
      ['2026-04-09', 'thursday'],
    ]);
    const fromHistoryOnly = forecastDays(history, {
      from: '2026-04-03',
      days: 3,
      calendar,
      listSize: LIST,
      asOf: '2026-03-02',
    });
    expect(days).toEqual(fromHistoryOnly);
  });

  it('applies last year’s seasonal movement once there is a year of history', () => {
    // Sixty-six weeks ending in early October 2025. The generator's mean for a Monday on 1 December is
    // known by construction: the list's weekly share, Monday's share, and its winter factor (+8.5 %).
    const year = dailyDemand(
      syntheticHistory({ listSize: LIST, from: '2024-07-01', weeks: 66, calendar, seed: 5 }),
      calendar,
    );
    const origin = '2025-10-06';
    const mean =
      LIST *
      0.065 *
      0.28 *
      (1 +
        0.12 * Math.cos((2 * Math.PI * (Date.parse('2025-12-01') - Date.parse('2025-01-15'))) / 86_400_000 / 365.25));
    const [seasonal] = forecastDays(year, { from: '2025-12-01', days: 1, calendar, asOf: origin });
    // The same recent weeks without last year in view: no seasonal adjustment is possible.
    const recent = year.filter((d) => d.day >= '2025-04-01');
    const [plain] = forecastDays(recent, { from: '2025-12-01', days: 1, calendar, asOf: origin });
    expect(seasonal!.basis).toBe('history-seasonal');
    expect(seasonal!.basisText).toMatch(/time of year/);
    expect(plain!.basis).toBe('history');
    expect(Math.abs(seasonal!.expected! - mean)).toBeLessThan(Math.abs(plain!.expected! - mean));
  });
});
