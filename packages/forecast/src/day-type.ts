import type { IsoDay } from '@sluice/contracts';
import { addDays, isWorkingDay, weekday, type Calendar } from '@sluice/domain';

export const DAY_TYPES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
export type DayType = (typeof DAY_TYPES)[number];

/**
 * Which weekday a working day behaves like. Demand that builds up while a practice is shut lands on
 * the day it opens again, so the first working day after a bank holiday or closure behaves like a
 * Monday (NHS England, How to align capacity with demand in general practice, 2024).
 */
export function dayType(calendar: Calendar, day: IsoDay): DayType {
  const wd = weekday(day);
  if (wd === 1) return 'monday';
  const yesterday = addDays(day, -1);
  if (weekday(yesterday) <= 5 && !isWorkingDay(calendar, yesterday)) return 'monday';
  return DAY_TYPES[Math.min(wd, 5) - 1]!;
}

/** Whether the day opens after a bank holiday or closure (and so is treated like a Monday). */
export function opensAfterClosure(calendar: Calendar, day: IsoDay): boolean {
  return weekday(day) !== 1 && dayType(calendar, day) === 'monday';
}
