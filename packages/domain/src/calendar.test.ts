import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addDays,
  coreHoursOpen,
  createCalendar,
  isCoreHours,
  isWorkingDay,
  londonDay,
  londonDayHour,
  londonInstant,
  nextWorkingDay,
  serviceDay,
  weekday,
  workingDayOnOrAfter,
} from './calendar';

const cal = createCalendar();
const at = (iso: string) => new Date(iso);

describe('londonDay', () => {
  it('is the UTC day in winter and the next day after 23:00 UTC in summer', () => {
    expect(londonDay(at('2026-01-15T23:30:00Z'))).toBe('2026-01-15');
    expect(londonDay(at('2026-07-15T23:30:00Z'))).toBe('2026-07-16');
  });
  it('follows the clocks on the change days themselves', () => {
    expect(londonDay(at('2026-03-29T23:30:00Z'))).toBe('2026-03-30'); // 00:30 BST
    expect(londonDay(at('2026-10-24T23:30:00Z'))).toBe('2026-10-25'); // 00:30 BST, the clocks go back later that night
    expect(londonDay(at('2026-10-25T23:30:00Z'))).toBe('2026-10-25'); // 23:30 GMT
  });
  it('error: refuses an invalid Date', () => {
    expect(() => londonDay(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-11-30', true, 'a Monday'],
    ['2026-11-28', false, 'a Saturday'],
    ['2026-11-29', false, 'a Sunday'],
    ['2026-08-31', false, 'Summer bank holiday'],
    ['2026-12-25', false, 'Christmas Day'],
    ['2026-12-28', false, 'Boxing Day substitute'],
    ['2026-12-29', true, 'the Tuesday after'],
    ['2027-12-27', false, 'Christmas Day substitute'],
    ['2027-12-28', false, 'Boxing Day substitute'],
    ['2028-01-03', false, "New Year's Day substitute"],
  ])('%s is %p (%s)', (day, want) => {
    expect(isWorkingDay(cal, day)).toBe(want);
  });

  it('honours the practice closure days', () => {
    const closing = createCalendar({ closures: ['2026-12-02'] });
    expect(isWorkingDay(closing, '2026-12-02')).toBe(false);
    expect(isWorkingDay(cal, '2026-12-02')).toBe(true);
  });

  it('error: refuses something that is not a calendar day', () => {
    expect(() => isWorkingDay(cal, '2026-02-30')).toThrow(RangeError);
  });
});

describe('core hours across the clock changes', () => {
  // Both change days are Sundays, so the first working mornings after them are where it shows.
  it.each([
    // Friday 27 March 2026, GMT (UTC+0)
    ['2026-03-27T07:59:00Z', false],
    ['2026-03-27T08:00:00Z', true],
    ['2026-03-27T18:29:00Z', true],
    ['2026-03-27T18:30:00Z', false],
    // Sunday 29 March 2026: clocks go forward at 01:00 GMT; a Sunday is never core hours
    ['2026-03-29T07:00:00Z', false],
    // Monday 30 March 2026, BST (UTC+1): 08:00 local is 07:00 UTC
    ['2026-03-30T06:59:00Z', false],
    ['2026-03-30T07:00:00Z', true],
    ['2026-03-30T17:29:00Z', true],
    ['2026-03-30T17:30:00Z', false],
    // Friday 23 October 2026, BST
    ['2026-10-23T06:59:00Z', false],
    ['2026-10-23T07:00:00Z', true],
    ['2026-10-23T17:30:00Z', false],
    // Sunday 25 October 2026: clocks go back at 02:00 BST
    ['2026-10-25T08:00:00Z', false],
    // Monday 26 October 2026, GMT again
    ['2026-10-26T07:00:00Z', false],
    ['2026-10-26T07:59:00Z', false],
    ['2026-10-26T08:00:00Z', true],
    ['2026-10-26T18:29:00Z', true],
    ['2026-10-26T18:30:00Z', false],
  ])('%s in core hours: %p', (iso, want) => {
    expect(isCoreHours(cal, at(iso))).toBe(want);
  });

  it('not on a bank holiday, even at 10:00', () => {
    expect(isCoreHours(cal, at('2026-08-31T09:00:00Z'))).toBe(false);
  });
});

describe('coreHoursOpen', () => {
  it('is 08:00 local: 08:00 UTC in winter, 07:00 UTC in summer', () => {
    expect(coreHoursOpen(cal, '2026-03-27').toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(coreHoursOpen(cal, '2026-03-30').toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(coreHoursOpen(cal, '2026-10-26').toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });
  it('on a day the practice is shut, is the next opening', () => {
    expect(coreHoursOpen(cal, '2026-12-25').toISOString()).toBe('2026-12-29T08:00:00.000Z');
    expect(coreHoursOpen(cal, '2026-03-29').toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });
});

describe('nextWorkingDay and workingDayOnOrAfter', () => {
  it.each([
    ['2026-11-27', '2026-11-30', 'Friday → Monday'],
    ['2026-11-30', '2026-12-01', 'Monday → Tuesday'],
    ['2026-12-24', '2026-12-29', 'Christmas Eve → past Christmas Day and the Boxing Day substitute'],
    ['2027-12-24', '2027-12-29', 'Christmas Eve 2027 → past both substitutes'],
    ['2027-12-31', '2028-01-04', "New Year's Eve 2027 → past the New Year's Day substitute"],
    ['2026-08-28', '2026-09-01', 'Friday → past Summer bank holiday'],
    ['2026-04-02', '2026-04-07', 'Maundy Thursday → past Good Friday and Easter Monday'],
  ])('nextWorkingDay(%s) = %s (%s)', (day, want) => {
    expect(nextWorkingDay(cal, day)).toBe(want);
  });

  it('skips practice closures too', () => {
    const closing = createCalendar({ closures: ['2026-12-29', '2026-12-30'] });
    expect(nextWorkingDay(closing, '2026-12-24')).toBe('2026-12-31');
  });

  it('workingDayOnOrAfter keeps a working day and moves a non-working one', () => {
    expect(workingDayOnOrAfter(cal, '2026-11-30')).toBe('2026-11-30');
    expect(workingDayOnOrAfter(cal, '2026-11-28')).toBe('2026-11-30');
  });

  it('property: the next working day is a working day, strictly after, with none between', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 * 366 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 20 }),
        (offset, closureOffsets) => {
          const day = addDays('2025-01-01', offset);
          const c = createCalendar({ closures: closureOffsets.map((o) => addDays(day, o)) });
          const next = nextWorkingDay(c, day);
          expect(next > day).toBe(true);
          expect(isWorkingDay(c, next)).toBe(true);
          for (let d = addDays(day, 1); d < next; d = addDays(d, 1)) expect(isWorkingDay(c, d)).toBe(false);
        },
      ),
    );
  });
});

describe('serviceDay', () => {
  it.each([
    ['2026-11-30T10:00:00Z', '2026-11-30', true, 'Monday morning'],
    ['2026-11-30T07:30:00Z', '2026-11-30', false, 'before 08:00 on a working day: that day'],
    ['2026-11-30T18:29:00Z', '2026-11-30', true, 'the last minute of core hours'],
    ['2026-11-30T18:30:00Z', '2026-12-01', false, 'from 18:30: the next working day'],
    ['2026-11-27T19:00:00Z', '2026-11-30', false, 'Friday evening → Monday'],
    ['2026-11-28T12:00:00Z', '2026-11-30', false, 'Saturday → Monday'],
    ['2026-12-25T10:00:00Z', '2026-12-29', false, 'Christmas Day → Tuesday 29th'],
    ['2026-12-24T18:45:00Z', '2026-12-29', false, 'Christmas Eve evening → Tuesday 29th'],
    ['2026-03-30T06:30:00Z', '2026-03-30', false, '07:30 BST on the Monday after spring forward'],
    ['2026-03-30T07:00:00Z', '2026-03-30', true, '08:00 BST on the Monday after spring forward'],
    ['2026-03-30T17:30:00Z', '2026-03-31', false, '18:30 BST'],
    ['2026-10-26T07:59:00Z', '2026-10-26', false, '07:59 GMT on the Monday after fall back'],
    ['2026-10-24T23:30:00Z', '2026-10-26', false, 'Saturday 23:30 UTC is Sunday 00:30 BST → Monday'],
  ])('%s → %s, core %p (%s)', (iso, day, core) => {
    expect(serviceDay(cal, at(iso))).toEqual({ day, inCoreHours: core });
  });

  it('a practice closure day sends requests to the next working day', () => {
    const closing = createCalendar({ closures: ['2026-11-30'] });
    expect(serviceDay(closing, at('2026-11-30T10:00:00Z'))).toEqual({ day: '2026-12-01', inCoreHours: false });
  });

  it('property: in core hours exactly when the day is today, and always a working day on or after today', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2025-01-01T00:00:00Z'), max: at('2028-12-20T00:00:00Z'), noInvalidDate: true }),
        (instant) => {
          const s = serviceDay(cal, instant);
          expect(isWorkingDay(cal, s.day)).toBe(true);
          expect(s.day >= londonDay(instant)).toBe(true);
          expect(s.inCoreHours).toBe(isCoreHours(cal, instant));
          if (s.inCoreHours) expect(s.day).toBe(londonDay(instant));
          expect(weekday(s.day)).toBeLessThanOrEqual(5);
        },
      ),
    );
  });
});

describe('createCalendar', () => {
  it('knows how far its bank-holiday data reaches', () => {
    expect(cal.holidaysKnownThrough).toBe('2028-12-31');
    expect(createCalendar({ bankHolidays: [] }).holidaysKnownThrough).toBeNull();
  });
});

describe('calendar memo (performance) gives Luxon’s answers', () => {
  it('happy: londonDay and core hours agree with a direct Europe/London conversion for any instant, twice in a row', () => {
    const cal = createCalendar();
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }),
        (d) => {
          const t = DateTime.fromJSDate(d, { zone: 'Europe/London' });
          const minute = t.hour * 60 + t.minute;
          const expectedCore = minute >= 480 && minute < 1110 && isWorkingDay(cal, t.toISODate()!);
          for (let i = 0; i < 2; i++) {
            expect(londonDay(d)).toBe(t.toISODate());
            expect(isCoreHours(cal, d)).toBe(expectedCore);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('londonDayHour', () => {
  it('buckets an instant by London local hour, BST and GMT alike', () => {
    expect(londonDayHour(at('2026-11-30T09:59:59Z'))).toEqual({ day: '2026-11-30', hour: 9 });
    expect(londonDayHour(at('2026-06-15T08:30:00Z'))).toEqual({ day: '2026-06-15', hour: 9 });
    expect(londonDayHour(at('2026-06-15T23:10:00Z'))).toEqual({ day: '2026-06-16', hour: 0 });
  });
});

describe('londonInstant', () => {
  it('reads a wall-clock time in London, with the right offset either side of a clock change', () => {
    expect(londonInstant('2026-11-30', 18, 30).toISOString()).toBe('2026-11-30T18:30:00.000Z');
    expect(londonInstant('2026-06-15', 9, 0).toISOString()).toBe('2026-06-15T08:00:00.000Z');
  });
  it('refuses a time that does not exist (the hour skipped when clocks go forward) or is out of range', () => {
    expect(() => londonInstant('2026-03-29', 1, 30)).toThrow(RangeError);
    expect(() => londonInstant('2026-11-30', 24, 0)).toThrow(RangeError);
  });
});
