import type { IsoDay } from '@sluice/contracts';
import { isWorkingDay, weekday, type Calendar } from '@sluice/domain';
import { mean } from './stats';
import { forecastDays } from './forecast';
import type { DayDemand } from './history';

export interface BacktestResult {
  days: number;
  /** Mean absolute percentage error of each method over the same days. */
  mape: { forecast: number; sameDayLastWeek: number; weekdayMean: number };
  /** Share of days whose actual demand fell inside the forecast's 80 % interval. */
  coverage: number;
}

/**
 * Forecasts each working day from `from` on, one day ahead, from the history before it only, and
 * compares it with what happened and with two naive baselines: the same weekday a week earlier, and
 * the mean of every earlier same weekday. Days a method cannot forecast are left out for all three.
 */
export function backtest(history: readonly DayDemand[], calendar: Calendar, from: IsoDay): BacktestResult {
  const sorted = [...history].sort((a, b) => (a.day < b.day ? -1 : 1));
  const errors = { forecast: [] as number[], sameDayLastWeek: [] as number[], weekdayMean: [] as number[] };
  let covered = 0;
  for (let i = 0; i < sorted.length; i++) {
    const actual = sorted[i]!;
    if (actual.day < from || !isWorkingDay(calendar, actual.day) || actual.total <= 0) continue;
    const before = sorted.slice(0, i).filter((d) => isWorkingDay(calendar, d.day));
    const same = before.filter((d) => weekday(d.day) === weekday(actual.day));
    const lastWeek = same.at(-1);
    const [f] = forecastDays(before, { from: actual.day, days: 1, calendar, asOf: actual.day });
    if (!f || f.expected === null || f.low === null || f.high === null || !lastWeek || same.length === 0) continue;
    const ape = (x: number): number => Math.abs(x - actual.total) / actual.total;
    errors.forecast.push(ape(f.expected));
    errors.sameDayLastWeek.push(ape(lastWeek.total));
    errors.weekdayMean.push(ape(mean(same.map((d) => d.total))));
    if (actual.total >= f.low && actual.total <= f.high) covered += 1;
  }
  const n = errors.forecast.length;
  const m = (xs: number[]): number => (xs.length ? mean(xs) : NaN);
  return {
    days: n,
    mape: {
      forecast: m(errors.forecast),
      sameDayLastWeek: m(errors.sameDayLastWeek),
      weekdayMean: m(errors.weekdayMean),
    },
    coverage: n ? covered / n : NaN,
  };
}
