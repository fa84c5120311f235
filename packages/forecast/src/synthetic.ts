import type { IsoDay } from '@sluice/contracts';
import { addDays, isWorkingDay, londonInstant, weekday, type Calendar } from '@sluice/domain';
import { dayType } from './day-type';
import type { DemandRecord } from './history';
import { NATIONAL } from './national';

/**
 * A realistic demand history for demos (`pnpm sluice seed-history`) and the bench: the national
 * weekly shape, a winter peak, a busier day after a bank holiday, day-to-day noise beyond Poisson,
 * and arrivals spread over the day (evenings and weekends land on the next working day). Seeded, so
 * a seed always gives the same history. Never used to judge the forecast alone: see docs/forecast.md.
 */
export interface SyntheticOptions {
  listSize: number;
  /** The first day of history and how many weeks to make. */
  from: IsoDay;
  weeks: number;
  calendar: Calendar;
  seed?: number;
  /** Day-to-day spread beyond Poisson (lognormal sigma). */
  noise?: number;
}

/** mulberry32: a small, well-known seeded generator (tests need repeatable histories). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function poisson(rand: () => number, lambda: number): number {
  if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(rand)));
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}

/** Winter is busier: +12 % in mid-January, −12 % in mid-July. */
function season(day: IsoDay): number {
  const start = Date.UTC(Number(day.slice(0, 4)), 0, 15);
  const t = (Date.parse(`${day}T00:00:00Z`) - start) / 86_400_000;
  return 1 + 0.12 * Math.cos((2 * Math.PI * t) / 365.25);
}

export function syntheticHistory(o: SyntheticOptions): DemandRecord[] {
  const rand = rng(o.seed ?? 1);
  const sigma = o.noise ?? 0.08;
  const records: DemandRecord[] = [];
  const weekly = o.listSize * NATIONAL.weeklyShareOfList;
  for (let i = 0; i < o.weeks * 7; i++) {
    const day = addDays(o.from, i);
    if (!isWorkingDay(o.calendar, day)) continue;
    const type = dayType(o.calendar, day);
    const lambda =
      weekly * NATIONAL.weekdayShare[type] * season(day) * Math.exp(sigma * normal(rand) - (sigma * sigma) / 2);
    const n = poisson(rand, lambda);
    const beforeOpen = type === 'monday' ? NATIONAL.beforeOpen.monday : NATIONAL.beforeOpen.other;
    // Whole-hour offsets in Europe/London: an hour's start plus minutes is still that local hour.
    const opens = londonInstant(day, 8, 0).getTime();
    const evenings = [1, 2].map((back) => londonInstant(addDays(day, -back), 18, 30).getTime());
    for (let k = 0; k < n; k++) {
      let at: Date;
      if (rand() < beforeOpen) {
        // The evening before (or the weekend, for a Monday): 18:30–23:59 on a previous calendar day.
        const evening = evenings[weekday(day) === 1 && rand() < 0.5 ? 1 : 0]!;
        at = new Date(evening + Math.floor(rand() * 329) * 60_000);
      } else {
        let u = rand();
        let hour = 0;
        while (hour < NATIONAL.hourShape.length - 1 && u >= NATIONAL.hourShape[hour]!) u -= NATIONAL.hourShape[hour++]!;
        const minutes = hour === NATIONAL.hourShape.length - 1 ? 30 : 60;
        at = new Date(opens + (hour * 60 + Math.floor(rand() * minutes)) * 60_000);
      }
      const clinical = rand() < NATIONAL.clinicalShare;
      records.push({
        receivedAt: at,
        kind: clinical ? 'clinical' : 'admin',
        urgency: clinical && rand() < NATIONAL.urgentOfClinical ? 'urgent' : 'routine',
      });
    }
  }
  return records.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}
