import type { IsoDay } from '@sluice/contracts';
import { addDays, isWorkingDay, workingDayOnOrAfter, nextWorkingDay, type Calendar } from '@sluice/domain';
import { mean, quantile } from './stats';
import { dayType, type DayType } from './day-type';
import { CORE_HOUR_STARTS, type DayDemand } from './history';
import { NATIONAL, priorShape } from './national';

export interface ForecastOptions {
  /** The first day to forecast (the first working day on or after it). */
  from: IsoDay;
  /** How many working days to forecast. */
  days: number;
  calendar: Calendar;
  /** Registered patients: the prior when the practice's own history is too short. */
  listSize?: number;
  /** Only history before this day is used (the forecast's origin). Default: `from`. */
  asOf?: IsoDay;
}

/** Where a day's figure comes from, for the answer to say honestly. */
export type ForecastBasis = 'history' | 'history-seasonal' | 'list-size-prior' | 'none';

export interface ForecastDay {
  date: IsoDay;
  dayType: DayType;
  /** Expected requests the day serves (arrived before it opens plus in its core hours); null with no basis. */
  expected: number | null;
  /** 80 % interval: the 10th and 90th percentiles. */
  low: number | null;
  high: number | null;
  /** Expected arrivals outside core hours that the day serves when it opens. */
  beforeOpen: number | null;
  /** Expected arrivals in each core hour (`hourStarts`). */
  hours: number[] | null;
  hourStarts: readonly number[];
  byKind: { clinical: number; admin: number } | null;
  /** Expected urgent clinical requests. */
  urgent: number | null;
  basis: ForecastBasis;
  /** Plain English: what the figure rests on. */
  basisText: string;
}

/** Same-weekday days of history used for a day's level, most recent first. */
const MAX_WEEKS = 12;
/** Weight halves every this many weeks back: recent weeks count most. */
const HALF_LIFE_WEEKS = 3;
/** Fewer same-weekday days than this and the practice's own history is not enough. */
const MIN_SAME_TYPE = 3;
/** A year of history (and a margin) before seasonality is applied. */
const SEASONAL_HISTORY_DAYS = 364 + 56;
/** z for the 80 % interval's Poisson floor. */
const Z80 = 1.2816;
const P_LOW = 0.1;
const P_HIGH = 0.9;

function weightedLevel(values: readonly number[]): number {
  let sum = 0;
  let weights = 0;
  values.forEach((v, i) => {
    const w = 0.5 ** (i / HALF_LIFE_WEEKS);
    sum += w * v;
    weights += w;
  });
  return sum / weights;
}

interface Prepared {
  /** Every usable working day of history by the weekday it behaves like, most recent first. */
  byType: Map<DayType, DayDemand[]>;
  /** One-step-ahead actual ÷ forecast ratios of the recent history: the spread of real errors. */
  ratios: number[];
  earliest: IsoDay | null;
}

function prepare(history: readonly DayDemand[], calendar: Calendar, asOf: IsoDay): Prepared {
  const usable = history
    .filter((d) => d.day < asOf && isWorkingDay(calendar, d.day))
    .sort((a, b) => (a.day > b.day ? -1 : 1));
  const byType = new Map<DayType, DayDemand[]>();
  for (const d of usable) {
    const t = dayType(calendar, d.day);
    const list = byType.get(t) ?? [];
    list.push(d);
    byType.set(t, list);
  }
  const ratios: number[] = [];
  for (const all of byType.values()) {
    const list = all.slice(0, MAX_WEEKS);
    for (let i = 0; i + MIN_SAME_TYPE - 1 < list.length; i++) {
      const predicted = weightedLevel(list.slice(i + 1).map((d) => d.total));
      if (predicted > 0) ratios.push(list[i]!.total / predicted);
    }
  }
  return { byType, ratios, earliest: usable.at(-1)?.day ?? null };
}

/**
 * How much busier the target's time of year was than the origin's, a year ago, for the same kind of
 * day: last year's days around the target's date over the level the same recent-weeks weighting gave
 * at the origin's date last year. Only with a year of history; 1 otherwise.
 */
function seasonalIndex(same: readonly DayDemand[], target: IsoDay, asOf: IsoDay, earliest: IsoDay | null): number {
  if (earliest === null || earliest > addDays(asOf, -SEASONAL_HISTORY_DAYS)) return 1;
  const originLastYear = addDays(asOf, -364);
  const before = same.filter((d) => d.day < originLastYear).slice(0, MAX_WEEKS);
  const around = same.filter((d) => d.day >= addDays(target, -364 - 10) && d.day < addDays(target, -364 + 11));
  if (before.length < MIN_SAME_TYPE || around.length < 2) return 1;
  const level = weightedLevel(before.map((d) => d.total));
  return level > 0 ? mean(around.map((d) => d.total)) / level : 1;
}

function shapeOf(
  days: readonly DayDemand[],
): { beforeOpen: number; hours: number[]; clinical: number; urgentOfClinical: number } | null {
  const total = days.reduce((s, d) => s + d.total, 0);
  if (total <= 0) return null;
  const clinical = days.reduce((s, d) => s + d.clinical, 0);
  return {
    beforeOpen: days.reduce((s, d) => s + d.beforeOpen, 0) / total,
    hours: CORE_HOUR_STARTS.map((_, i) => days.reduce((s, d) => s + (d.hours[i] ?? 0), 0) / total),
    clinical: clinical / total,
    urgentOfClinical: clinical > 0 ? days.reduce((s, d) => s + d.urgent, 0) / clinical : NATIONAL.urgentOfClinical,
  };
}

function interval(expected: number, ratios: readonly number[]): { low: number; high: number } {
  const poisson = Z80 * Math.sqrt(expected);
  if (ratios.length < 8) return { low: Math.max(0, expected * 0.8 - poisson), high: expected * 1.2 + poisson };
  const low = expected * quantile([...ratios], P_LOW);
  const high = expected * quantile([...ratios], P_HIGH);
  return { low: Math.max(0, Math.min(low, expected - poisson)), high: Math.max(high, expected + poisson) };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

function filled(
  date: IsoDay,
  type: DayType,
  expected: number,
  range: { low: number; high: number },
  shape: NonNullable<ReturnType<typeof shapeOf>>,
  basis: ForecastBasis,
  basisText: string,
): ForecastDay {
  const clinical = expected * shape.clinical;
  return {
    date,
    dayType: type,
    expected: round1(expected),
    low: round1(range.low),
    high: round1(range.high),
    beforeOpen: round1(expected * shape.beforeOpen),
    hours: shape.hours.map((h) => round1(expected * h)),
    hourStarts: CORE_HOUR_STARTS,
    byKind: { clinical: round1(clinical), admin: round1(expected - clinical) },
    urgent: round1(clinical * shape.urgentOfClinical),
    basis,
    basisText,
  };
}

function forecastOne(p: Prepared, o: ForecastOptions, asOf: IsoDay, date: IsoDay): ForecastDay {
  const type = dayType(o.calendar, date);
  const all = p.byType.get(type) ?? [];
  const same = all.slice(0, MAX_WEEKS);
  if (same.length >= MIN_SAME_TYPE) {
    const season = seasonalIndex(all, date, asOf, p.earliest);
    const expected = weightedLevel(same.map((d) => d.total)) * season;
    const shape = shapeOf(same) ?? priorShape(type);
    const basis: ForecastBasis = season === 1 ? 'history' : 'history-seasonal';
    const text =
      `From the practice's last ${same.length} ${type === 'monday' ? 'Mondays (and days after a bank holiday)' : `${type}s`}, ` +
      `recent weeks counting most${season === 1 ? '' : `, adjusted for the time of year (×${season.toFixed(2)} from last year)`}.`;
    return filled(date, type, expected, interval(expected, p.ratios), shape, basis, text);
  }
  if (o.listSize !== undefined && o.listSize > 0) {
    const expected = o.listSize * NATIONAL.weeklyShareOfList * NATIONAL.weekdayShare[type];
    const range = { low: expected * NATIONAL.priorLowFactor, high: expected * NATIONAL.priorHighFactor };
    const text =
      `Not enough of the practice's own history yet (${same.length} of ${MIN_SAME_TYPE} ${type}s): ` +
      `estimated from its list of ${o.listSize} patients (about ${(NATIONAL.weeklyShareOfList * 100).toFixed(1)} % of a list a week, ` +
      `split across the week by the national pattern).`;
    return filled(date, type, expected, range, priorShape(type), 'list-size-prior', text);
  }
  return {
    date,
    dayType: type,
    expected: null,
    low: null,
    high: null,
    beforeOpen: null,
    hours: null,
    hourStarts: CORE_HOUR_STARTS,
    byKind: null,
    urgent: null,
    basis: 'none',
    basisText: `No forecast: the practice has ${same.length} of the ${MIN_SAME_TYPE} ${type}s of history needed, and no list size in its settings.`,
  };
}

/**
 * A forecast for each of `days` working days from `from`: the practice's own same-weekday history,
 * weighted to recent weeks (the day after a bank holiday counted as a Monday), with last year's
 * seasonal movement once there is a year of history; a prior from the list size when history is short.
 */
export function forecastDays(history: readonly DayDemand[], o: ForecastOptions): ForecastDay[] {
  const asOf = o.asOf ?? o.from;
  const p = prepare(history, o.calendar, asOf);
  const out: ForecastDay[] = [];
  for (
    let date = workingDayOnOrAfter(o.calendar, o.from);
    out.length < o.days;
    date = nextWorkingDay(o.calendar, date)
  ) {
    out.push(forecastOne(p, o, asOf, date));
  }
  return out;
}
