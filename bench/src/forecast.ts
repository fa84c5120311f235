// The forecast's back-test: one-day-ahead forecasts of every working day, from the history before
// it only, beside the two naive baselines issue #19 names (the same weekday last week; the mean of
// every earlier same weekday). Lower MAPE is better, so each ratio must be below 1.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCalendar } from '@sluice/domain';
import {
  backtest,
  dailyDemand,
  parseHistoryCsv,
  syntheticHistory,
  type BacktestResult,
  type DayDemand,
} from '@sluice/forecast';
import { ROOT } from './procs';
import { figure, type Figure } from './stats';

export interface ForecastSet {
  name: string;
  practices: { name: string; history: DayDemand[]; from: string }[];
}

const calendar = createCalendar();

/** Our own generator's practices: a check of the code, not of how the forecast generalises. */
export function syntheticSet(): ForecastSet {
  const practices = [
    { listSize: 4_000, seed: 1, noise: 0.05 },
    { listSize: 9_000, seed: 2, noise: 0.08 },
    { listSize: 16_000, seed: 3, noise: 0.12 },
  ].map((p) => ({
    name: `synthetic list ${p.listSize}`,
    history: dailyDemand(
      syntheticHistory({ listSize: p.listSize, from: '2025-01-06', weeks: 64, calendar, seed: p.seed, noise: p.noise }),
      calendar,
    ),
    from: '2025-03-03',
  }));
  return { name: 'synthetic', practices };
}

/**
 * Six practices' histories written by someone who never saw the forecast's code (bench/data/forecast-blind,
 * its README says each practice's story): growth, a merger, a rural practice, a university, outages,
 * outbreaks. The script is kept, not its 12 MB of CSV; it is seeded, so every run makes the same data.
 */
export function blindSet(): ForecastSet {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-forecast-blind-'));
  try {
    execFileSync('python3', [join(ROOT, 'bench', 'data', 'forecast-blind', 'make.py'), dir], { stdio: 'ignore' });
    const practices = readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .sort()
      .map((f) => {
        const parsed = parseHistoryCsv('BLIND', readFileSync(join(dir, f), 'utf8'));
        if (!parsed.ok) throw new Error(`${f}: ${parsed.detail}`);
        // Eight weeks of history before the first forecast, as a practice new to Sluice would have.
        return { name: f.replace(/\.csv$/, ''), history: dailyDemand(parsed.rows, calendar), from: '2025-03-03' };
      });
    return { name: 'blind', practices };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pooled(results: BacktestResult[]): BacktestResult {
  const days = results.reduce((s, r) => s + r.days, 0);
  const w = (pick: (r: BacktestResult) => number) => results.reduce((s, r) => s + pick(r) * r.days, 0) / days;
  return {
    days,
    mape: {
      forecast: w((r) => r.mape.forecast),
      sameDayLastWeek: w((r) => r.mape.sameDayLastWeek),
      weekdayMean: w((r) => r.mape.weekdayMean),
    },
    coverage: w((r) => r.coverage),
  };
}

export function benchForecast(sets: ForecastSet[]): { figures: Figure[]; detail: Record<string, unknown> } {
  const figures: Figure[] = [];
  const detail: Record<string, unknown> = {};
  for (const set of sets) {
    const per = set.practices.map((p) => ({ name: p.name, ...backtest(p.history, calendar, p.from) }));
    const all = pooled(per);
    detail[set.name] = { pooled: all, practices: per };
    const section = `forecast (${set.name})`;
    const pct = (x: number) => Math.round(x * 1000) / 10;
    figures.push(
      figure({
        section,
        name: `MAPE vs same day last week (${all.days} days)`,
        value: pct(all.mape.forecast),
        unit: '%',
        anchor: { name: 'same day last week', value: pct(all.mape.sameDayLastWeek) },
        target: { text: '< 1× (beats it)', pass: all.mape.forecast < all.mape.sameDayLastWeek },
      }),
      figure({
        section,
        name: 'MAPE vs weekday mean',
        value: pct(all.mape.forecast),
        unit: '%',
        anchor: { name: 'weekday mean', value: pct(all.mape.weekdayMean) },
        target: { text: '< 1× (beats it)', pass: all.mape.forecast < all.mape.weekdayMean },
      }),
      figure({
        section,
        name: '80 % interval coverage',
        value: pct(all.coverage),
        unit: '%',
        note: `${set.name}: share of days whose demand fell inside the forecast's 80 % interval`,
      }),
    );
  }
  return { figures, detail };
}
