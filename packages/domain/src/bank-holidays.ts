import { z } from 'zod';
import { IsoDay } from '@sluice/contracts';
import shipped from './data/bank-holidays.json';

/**
 * Bank holidays in the shape of https://www.gov.uk/bank-holidays.json, so a newer download from
 * gov.uk can replace `data/bank-holidays.json` (or be passed to `loadBankHolidays`) as it is.
 *
 * The shipped file covers 2025–2028. Sluice reads only `england-and-wales`; the other two divisions
 * are kept so the file stays a drop-in copy of gov.uk's, and are not used.
 *
 * How the England and Wales dates were derived (Banking and Financial Dealings Act 1971, sched. 1,
 * and the royal proclamations that fix the May and August Mondays each year):
 * - New Year's Day, 1 January; Christmas Day, 25 December; Boxing Day, 26 December. One that falls
 *   on a Saturday or Sunday is replaced by a "substitute day", the next weekday that is not already
 *   a bank holiday: 2026-12-28 (Boxing Day on a Saturday), 2027-12-27 and 2027-12-28 (Christmas Day
 *   on a Saturday, Boxing Day on a Sunday), 2028-01-03 (New Year's Day on a Saturday).
 * - Good Friday and Easter Monday, the Friday before and the Monday after Easter Sunday (Gregorian
 *   computus): Easter Sunday 2025-04-20, 2026-04-05, 2027-03-28, 2028-04-16.
 * - Early May bank holiday: the first Monday in May. Spring bank holiday: the last Monday in May.
 *   Summer bank holiday: the last Monday in August.
 * 2025–2027 are as gov.uk publishes them; 2028 follows the same rules and should be checked when
 * gov.uk publishes it (one-off holidays, such as a coronation, are added by proclamation).
 * `bank-holidays.test.ts` recomputes every England and Wales date from these rules.
 */

const BankHolidayEvent = z.looseObject({
  title: z.string().min(1),
  date: IsoDay,
  notes: z.string().default(''),
  bunting: z.boolean().default(false),
});
export type BankHolidayEvent = z.output<typeof BankHolidayEvent>;

const Division = z.looseObject({
  division: z.string(),
  events: z.array(BankHolidayEvent),
});

export const BANK_HOLIDAY_DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type BankHolidayDivision = (typeof BANK_HOLIDAY_DIVISIONS)[number];

/** The gov.uk file: England and Wales is required, the other divisions optional. */
export const BankHolidaysFile = z.looseObject({
  'england-and-wales': Division,
  scotland: Division.optional(),
  'northern-ireland': Division.optional(),
});
export type BankHolidaysFile = z.output<typeof BankHolidaysFile>;

/**
 * Validates a gov.uk-shaped bank-holidays document and returns the days of one division.
 * Throws a ZodError naming the bad field when the document is not that shape, so a broken
 * update fails at start-up rather than silently opening the practice on Christmas Day.
 */
export function loadBankHolidays(
  json: unknown,
  division: BankHolidayDivision = 'england-and-wales',
): ReadonlySet<IsoDay> {
  const file = BankHolidaysFile.parse(json);
  const events = file[division]?.events;
  if (!events) throw new Error(`bank-holidays file has no "${division}" division`);
  return new Set(events.map((e) => e.date));
}

/** England and Wales bank holidays shipped with Sluice (2025–2028). */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: ReadonlySet<IsoDay> = loadBankHolidays(shipped);
