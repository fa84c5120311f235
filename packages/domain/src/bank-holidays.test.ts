import { DateTime } from 'luxon';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS, loadBankHolidays } from './bank-holidays';
import shipped from './data/bank-holidays.json';

/** Gregorian Easter Sunday (anonymous Gregorian algorithm), to check the shipped data independently. */
function easterSunday(y: number): DateTime {
  const a = y % 19,
    b = Math.floor(y / 100),
    c = y % 100,
    d = Math.floor(b / 4),
    e = b % 4;
  const f = Math.floor((b + 8) / 25),
    g = Math.floor((b - f + 1) / 3),
    h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4),
    k = c % 4,
    l = (32 + 2 * e + 2 * i - h - k) % 7,
    m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31),
    day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.utc(y, month, day);
}

const firstMonday = (y: number, month: number) => {
  const d = DateTime.utc(y, month, 1);
  return d.plus({ days: (8 - d.weekday) % 7 });
};
const lastMonday = (y: number, month: number) => {
  const d = DateTime.utc(y, month, 1).endOf('month').startOf('day');
  return d.minus({ days: (d.weekday + 6) % 7 });
};

/** England and Wales rules: fixed days move to the next free weekday when they fall at a weekend. */
function englandAndWales(y: number): string[] {
  const taken = new Set<string>();
  const substitute = (d: DateTime) => {
    let x = d;
    while (x.weekday > 5 || taken.has(x.toISODate()!)) x = x.plus({ days: 1 });
    taken.add(x.toISODate()!);
  };
  substitute(DateTime.utc(y, 1, 1));
  const easter = easterSunday(y);
  for (const d of [
    easter.minus({ days: 2 }),
    easter.plus({ days: 1 }),
    firstMonday(y, 5),
    lastMonday(y, 5),
    lastMonday(y, 8),
  ]) {
    taken.add(d.toISODate()!);
  }
  substitute(DateTime.utc(y, 12, 25));
  substitute(DateTime.utc(y, 12, 26));
  return [...taken].sort();
}

describe('shipped England and Wales bank holidays', () => {
  it.each([2025, 2026, 2027, 2028])('%i follows the statutory rules exactly', (y) => {
    const shippedYear = [...ENGLAND_AND_WALES_BANK_HOLIDAYS].filter((d) => d.startsWith(`${y}-`)).sort();
    expect(shippedYear).toEqual(englandAndWales(y));
  });

  it('includes the substitute days that catch people out', () => {
    for (const d of [
      '2026-12-25',
      '2026-12-28',
      '2027-12-27',
      '2027-12-28',
      '2028-01-03',
      '2028-04-14',
      '2028-04-17',
    ]) {
      expect(ENGLAND_AND_WALES_BANK_HOLIDAYS.has(d)).toBe(true);
    }
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS.has('2026-12-26')).toBe(false); // a Saturday: its substitute is the 28th
  });

  it('every shipped date in every division is a weekday', () => {
    for (const division of ['england-and-wales', 'scotland', 'northern-ireland'] as const) {
      for (const d of loadBankHolidays(shipped, division)) expect(DateTime.fromISO(d).weekday).toBeLessThanOrEqual(5);
    }
  });
});

describe('loadBankHolidays', () => {
  it('happy: takes an updated gov.uk file, extra fields and all', () => {
    const updated = {
      'england-and-wales': {
        division: 'england-and-wales',
        events: [{ title: 'Christmas Day', date: '2029-12-25', notes: '', bunting: true, extra: 1 }],
      },
      scotland: { division: 'scotland', events: [] },
    };
    expect([...loadBankHolidays(updated)]).toEqual(['2029-12-25']);
  });

  it('error: refuses a file that is not the gov.uk shape', () => {
    expect(() => loadBankHolidays({ events: [] })).toThrow();
    expect(() =>
      loadBankHolidays({ 'england-and-wales': { division: 'x', events: [{ title: 'x', date: '25/12/2029' }] } }),
    ).toThrow();
  });

  it('error: says when the division asked for is missing', () => {
    expect(() => loadBankHolidays({ 'england-and-wales': { division: 'x', events: [] } }, 'scotland')).toThrow(
      /scotland/,
    );
  });
});
