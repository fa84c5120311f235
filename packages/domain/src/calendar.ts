import { DateTime } from 'luxon';
import type { IsoDay } from '@sluice/contracts';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './bank-holidays';
import { memo } from './memo';

/**
 * A practice's calendar in Europe/London. Every conversion between an instant and a local day or
 * time goes through Luxon's time-zone rules (never a fixed offset), so BST/GMT change days are right.
 * Nothing here reads the clock: the instant is always passed in.
 */

export const LONDON = 'Europe/London';

/** Core hours, local time, on working days: 08:00 ≤ t < 18:30. */
export const CORE_HOURS = { open: { hour: 8, minute: 0 }, close: { hour: 18, minute: 30 } } as const;

const OPEN_MINUTE = CORE_HOURS.open.hour * 60 + CORE_HOURS.open.minute;
const CLOSE_MINUTE = CORE_HOURS.close.hour * 60 + CORE_HOURS.close.minute;

/** Far more than any run of weekends, bank holidays and (at most 366) closures can span. */
const MAX_SEARCH_DAYS = 1100;

export interface Calendar {
  readonly bankHolidays: ReadonlySet<IsoDay>;
  /** The practice's own closure days (`PracticeConfig.closures`). */
  readonly closures: ReadonlySet<IsoDay>;
  /** Last day the bank-holiday data covers (31 December of its latest year); after it, update the data. */
  readonly holidaysKnownThrough: IsoDay | null;
}

export function createCalendar(opts: { bankHolidays?: Iterable<IsoDay>; closures?: Iterable<IsoDay> } = {}): Calendar {
  const bankHolidays = new Set(opts.bankHolidays ?? ENGLAND_AND_WALES_BANK_HOLIDAYS);
  const lastYear = [...bankHolidays]
    .reduce<string | null>((max, d) => (max === null || d > max ? d : max), null)
    ?.slice(0, 4);
  return {
    bankHolidays,
    closures: new Set(opts.closures ?? []),
    holidaysKnownThrough: lastYear ? `${lastYear}-12-31` : null,
  };
}

function local(instant: Date): DateTime {
  const dt = DateTime.fromJSDate(instant, { zone: LONDON });
  if (!dt.isValid) throw new RangeError('not a valid instant');
  return dt;
}

interface LocalTime {
  day: IsoDay;
  /** Minutes since local midnight. */
  minute: number;
}

// Keyed by the UTC minute: Europe/London's offsets have been whole hours since 1847, so every instant
// of one UTC minute has the same local day, hour and minute. Earlier instants are not memoised.
const SINCE_WHOLE_HOUR_OFFSETS = Date.UTC(1848, 0, 1);
const localByMinute = memo((utcMinute: number): LocalTime => {
  const t = local(new Date(utcMinute * 60_000));
  return { day: isoDay(t), minute: t.hour * 60 + t.minute };
});

function localTime(instant: Date): LocalTime {
  const ms = instant.getTime();
  if (Number.isFinite(ms) && ms >= SINCE_WHOLE_HOUR_OFFSETS) return localByMinute(Math.floor(ms / 60_000));
  const t = local(instant);
  return { day: isoDay(t), minute: t.hour * 60 + t.minute };
}

/**
 * A calendar day as a date with no time of day, for day arithmetic (weekday, +n days) only. It is
 * held in Luxon's UTC zone because a date without a time has no offset to get wrong, and UTC skips
 * the time-zone lookups that make London dates several times slower. Instants never go through it.
 */
function calendarDate(day: IsoDay): DateTime {
  const dt = DateTime.fromISO(day, { zone: 'utc' });
  if (!dt.isValid || dt.toISODate() !== day) throw new RangeError(`not a calendar day: ${day}`);
  return dt;
}

function isoDay(dt: DateTime): IsoDay {
  return dt.toISODate() as IsoDay;
}

const addDaysMemo = memo((key: string): IsoDay => {
  const [day, n] = key.split('|') as [IsoDay, string];
  return isoDay(calendarDate(day).plus({ days: Number(n) }));
});

/** The day `n` calendar days after `day` (before it for negative `n`). */
export function addDays(day: IsoDay, n: number): IsoDay {
  return addDaysMemo(`${day}|${n}`);
}

/** The calendar day in Europe/London at `instant`. */
export function londonDay(instant: Date): IsoDay {
  return localTime(instant).day;
}

const weekdayMemo = memo((day: IsoDay): number => calendarDate(day).weekday);

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function weekday(day: IsoDay): number {
  return weekdayMemo(day);
}

/** Monday to Friday, not a bank holiday, not one of the practice's closure days. */
export function isWorkingDay(cal: Calendar, day: IsoDay): boolean {
  return weekday(day) <= 5 && !cal.bankHolidays.has(day) && !cal.closures.has(day);
}

/** 08:00 ≤ local time < 18:30 on a working day. */
export function isCoreHours(cal: Calendar, instant: Date): boolean {
  const { day, minute } = localTime(instant);
  return minute >= OPEN_MINUTE && minute < CLOSE_MINUTE && isWorkingDay(cal, day);
}

/** The first working day on or after `day`. */
export function workingDayOnOrAfter(cal: Calendar, day: IsoDay): IsoDay {
  let dt = calendarDate(day);
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    const d = isoDay(dt);
    if (isWorkingDay(cal, d)) return d;
    dt = dt.plus({ days: 1 });
  }
  throw new RangeError(`no working day within ${MAX_SEARCH_DAYS} days of ${day}`);
}

/** The first working day strictly after `day`. */
export function nextWorkingDay(cal: Calendar, day: IsoDay): IsoDay {
  return workingDayOnOrAfter(cal, addDays(day, 1));
}

/** The instant core hours open (08:00 local) on `day`, or on the first working day after it. */
export function coreHoursOpen(cal: Calendar, day: IsoDay): Date {
  return DateTime.fromISO(workingDayOnOrAfter(cal, day), { zone: LONDON }).set(CORE_HOURS.open).toJSDate();
}

export interface ServiceDay {
  /** The working day a request made at that instant is for. */
  day: IsoDay;
  /** Whether the instant is in core hours (then `day` is today). */
  inCoreHours: boolean;
}

/**
 * The working day a request made at `instant` is for: today in core hours; today too before 08:00
 * on a working day; after 18:30, at weekends, on bank holidays and closure days, the next working day.
 */
export function serviceDay(cal: Calendar, instant: Date): ServiceDay {
  const { day: today, minute } = localTime(instant);
  if (isWorkingDay(cal, today) && minute < CLOSE_MINUTE) return { day: today, inCoreHours: minute >= OPEN_MINUTE };
  return { day: nextWorkingDay(cal, today), inCoreHours: false };
}

/** The Europe/London day and hour (0–23) at `instant`: the bucket a request's arrival is counted in. */
export function londonDayHour(instant: Date): { day: IsoDay; hour: number } {
  const { day, minute } = localTime(instant); // memoised: the decider asks for every request
  return { day, hour: Math.floor(minute / 60) };
}

/** The instant of a London wall-clock time on `day` (forms take a date and a time, not an offset). */
export function londonInstant(day: IsoDay, hour: number, minute: number): Date {
  const dt = DateTime.fromISO(day, { zone: LONDON }).set({ hour, minute, second: 0, millisecond: 0 });
  if (!dt.isValid || dt.hour !== hour || dt.minute !== minute)
    throw new RangeError(`not a London time: ${day} ${hour}:${minute}`);
  return dt.toJSDate();
}
