import { DateTime } from 'luxon';
import type { IsoDay } from '@sluice/contracts';
import { addDays, CORE_HOURS, isWorkingDay, LONDON, londonDay, type Calendar } from './calendar';

/** A queued request waiting longer than this is "older than one working day" (08:00–18:30). */
export const WORKING_DAY_SECONDS =
  ((CORE_HOURS.close.hour - CORE_HOURS.open.hour) * 60 + CORE_HOURS.close.minute - CORE_HOURS.open.minute) * 60;

/** Never walk more days than this (a request waiting a year is old enough to say so). */
const MAX_DAYS = 400;

/**
 * Seconds of core hours (08:00–18:30 Europe/London on working days) between two instants. This is
 * how long a queued request has waited in the practice's own time: a request made on Friday evening
 * has waited 0 s by Monday 08:00, so a weekend never makes it look neglected.
 */
export function coreHoursSecondsBetween(cal: Calendar, from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  let day: IsoDay = londonDay(from);
  const last = londonDay(to);
  let ms = 0;
  for (let i = 0; i < MAX_DAYS && day <= last; i++, day = addDays(day, 1)) {
    if (!isWorkingDay(cal, day)) continue;
    const date = DateTime.fromISO(day, { zone: LONDON });
    const open = date.set(CORE_HOURS.open).toMillis();
    const close = date.set(CORE_HOURS.close).toMillis();
    ms += Math.max(0, Math.min(close, to.getTime()) - Math.max(open, from.getTime()));
  }
  return Math.floor(ms / 1000);
}
