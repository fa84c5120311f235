import type { IsoDay, PracticeConfig, PracticeConfigInput, RotaBody } from '@sluice/contracts';
import { PracticeConfig as PracticeConfigSchema } from '@sluice/contracts';
import type { Clock } from '@sluice/config';
import { addDays, londonInstant, safeCapacity, serviceDay } from '@sluice/domain';
import {
  dailyDemand,
  forecastDays,
  levelTimes,
  parseHistoryCsv,
  replayDay,
  suggestRota,
  type ForecastDay,
  type LevelTimes,
  type ReplayOutcome,
  type RotaSuggestion,
  type RowProblem,
} from '@sluice/forecast';
import type { Logger } from '@sluice/observability';
import type { PracticeAdmin } from './practice-admin';
import type { DemandHistory } from './planning-deps';

export interface PlanningDeps {
  admin: Pick<PracticeAdmin, 'load'>;
  history: DemandHistory;
  clock: Clock;
  log: Logger;
}

/** History read for a forecast: a year and twelve weeks, enough for the seasonal index. */
const HISTORY_DAYS = 364 + 84;
/** The longest run of closed days whose requests a working day can carry (Christmas, Easter). */
const CARRY_DAYS = 10;
export const MAX_FORECAST_DAYS = 30;

export type ImportResult =
  { ok: true; added: number; duplicates: number; rows: number } | { ok: false; detail: string; rows: RowProblem[] };

export interface PlannedDay extends ForecastDay {
  capacity: { total: number; routine: number; urgent: number; admin: number };
  /** When the day is expected to reach each level under its rota, and where it ends. Null with no forecast. */
  levels: LevelTimes | null;
  /** The fewest extra contacts that keep the day at or below AMBER at the top of its interval. */
  suggestion: RotaSuggestion | null;
}

export interface WhatIfInput {
  date: IsoDay;
  rota?: RotaBody;
  settings?: PracticeConfigInput;
  policy?: PracticeConfig['policy'];
}

/**
 * Planning for a practice: import its history, forecast its next days against its rota, and replay a
 * day under another rota or settings. The arithmetic is @sluice/forecast's (pure); this only fetches
 * what it needs and says what it did.
 */
export function createPlanning(deps: PlanningDeps) {
  const today = async (p: string): Promise<IsoDay> =>
    serviceDay((await deps.admin.load(p)).calendar, deps.clock.now()).day;

  return {
    async importHistory(p: string, csv: string): Promise<ImportResult> {
      const parsed = parseHistoryCsv(p, csv);
      if (!parsed.ok) return parsed;
      const { added, duplicates } = await deps.history.importRows(p, parsed.rows);
      deps.log.info({ practice: p, rows: parsed.rows.length, added, duplicates }, 'demand history imported');
      return { ok: true, added, duplicates, rows: parsed.rows.length };
    },

    async forecast(
      p: string,
      from: IsoDay | undefined,
      days: number,
    ): Promise<{ practice: string; asOf: IsoDay; days: PlannedDay[] }> {
      const ctx = await deps.admin.load(p);
      const asOf = await today(p);
      const start = from ?? asOf;
      const records = await deps.history.demand(
        p,
        londonInstant(addDays(asOf, -HISTORY_DAYS), 0, 0),
        londonInstant(asOf, 0, 0),
      );
      const config = ctx.settings.config;
      const forecast = forecastDays(dailyDemand(records, ctx.calendar), {
        from: start,
        days,
        calendar: ctx.calendar,
        asOf,
        ...(config.listSize !== undefined ? { listSize: config.listSize } : {}),
      });
      const planned: PlannedDay[] = [];
      for (const day of forecast) {
        const rota = await ctx.rota(day.date);
        const capacity = safeCapacity(rota, config);
        const levels =
          day.expected === null
            ? null
            : levelTimes(
                {
                  beforeOpen: day.beforeOpen!,
                  hours: day.hours!,
                  clinical: day.byKind!.clinical,
                  admin: day.byKind!.admin,
                  urgent: day.urgent!,
                },
                capacity,
                config,
              );
        planned.push({ ...day, capacity, levels, suggestion: suggestRota(day, rota, config) });
      }
      return { practice: p, asOf, days: planned };
    },

    async whatIf(
      p: string,
      input: WhatIfInput,
    ): Promise<{ practice: string; date: IsoDay; requests: number; actual: ReplayOutcome; whatIf: ReplayOutcome }> {
      const ctx = await deps.admin.load(p);
      const requests = await deps.history.demand(
        p,
        londonInstant(addDays(input.date, -CARRY_DAYS), 0, 0),
        londonInstant(addDays(input.date, 1), 0, 0),
      );
      const config = ctx.settings.config;
      const rota = await ctx.rota(input.date);
      const changed: PracticeConfig = PracticeConfigSchema.parse({
        ...config,
        ...(input.settings ?? {}),
        ...(input.policy ? { policy: input.policy } : {}),
      });
      const run = (c: PracticeConfig, r: RotaBody | null) =>
        replayDay({ day: input.date, requests, config: c, rota: r, calendar: ctx.calendar });
      const actual = run(config, rota);
      return {
        practice: p,
        date: input.date,
        requests: actual.requests,
        actual,
        whatIf: run(changed, input.rota ?? rota),
      };
    },
  };
}
export type Planning = ReturnType<typeof createPlanning>;
