import type { IsoDay, RequestKind, Urgency } from '@sluice/contracts';
import { CORE_HOURS, londonDayHour, serviceDay, type Calendar } from '@sluice/domain';

/**
 * Demand history is counts only: when a request arrived, its kind and its urgency. Nothing that
 * could identify a patient or say what they asked reaches this package.
 */
export interface DemandRecord {
  receivedAt: Date;
  kind: RequestKind;
  urgency: Urgency;
}

/** The core hours a day is split into: 08:00–08:59 … 18:00–18:29 (the last bucket is half an hour). */
export const CORE_HOUR_STARTS: readonly number[] = Array.from(
  { length: CORE_HOURS.close.hour - CORE_HOURS.open.hour + (CORE_HOURS.close.minute > 0 ? 1 : 0) },
  (_, i) => CORE_HOURS.open.hour + i,
);

/**
 * What one working day was asked to serve. Requests that arrive outside core hours are served on
 * the next working day (the calendar's service day), so they count towards it, before it opens.
 */
export interface DayDemand {
  day: IsoDay;
  /** Every request the day served: `beforeOpen` plus the core hours. */
  total: number;
  /** Arrived outside core hours since the previous working day closed. */
  beforeOpen: number;
  /** Arrived in each core hour (`CORE_HOUR_STARTS`). */
  hours: number[];
  clinical: number;
  admin: number;
  /** Urgent clinical requests (admin requests are never urgent for capacity). */
  urgent: number;
}

function emptyDay(day: IsoDay): DayDemand {
  return { day, total: 0, beforeOpen: 0, hours: CORE_HOUR_STARTS.map(() => 0), clinical: 0, admin: 0, urgent: 0 };
}

/** Adds one request to the day that serves it, creating the day when it is the first. */
export function countInto(days: Map<IsoDay, DayDemand>, calendar: Calendar, r: DemandRecord): void {
  const { day, inCoreHours } = serviceDay(calendar, r.receivedAt);
  let d = days.get(day);
  if (!d) {
    d = emptyDay(day);
    days.set(day, d);
  }
  d.total += 1;
  if (inCoreHours) {
    const slot = CORE_HOUR_STARTS.indexOf(londonDayHour(r.receivedAt).hour);
    d.hours[slot >= 0 ? slot : CORE_HOUR_STARTS.length - 1]! += 1;
  } else d.beforeOpen += 1;
  if (r.kind === 'admin') d.admin += 1;
  else {
    d.clinical += 1;
    if (r.urgency === 'urgent') d.urgent += 1;
  }
}

/** Daily demand from request records, oldest day first. */
export function dailyDemand(records: Iterable<DemandRecord>, calendar: Calendar): DayDemand[] {
  const days = new Map<IsoDay, DayDemand>();
  for (const r of records) countInto(days, calendar, r);
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
