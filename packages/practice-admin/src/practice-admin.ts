import type { IsoDay, PauseBody, PracticeConfig, RotaBody, SafeguardLevel, WeeklyRotaBody } from '@sluice/contracts';
import { PracticeConfig as PracticeConfigSchema } from '@sluice/contracts';
import type { CapacityStore, PracticeRepository } from '@sluice/capacity-store';
import type { Clock } from '@sluice/config';
import type { EventBus } from '@sluice/event-bus';
import { addDays, checkPause, isWorkingDay, safeCapacity, serviceDay, type SafeCapacity } from '@sluice/domain';
import type { Logger } from '@sluice/observability';
import { defaultCalendar } from './deps';
import { PracticeContext } from './practice-context';
import type { PracticeMonitor, PracticeState } from './practice-monitor';
import { createWaitingAdmin } from './waiting-admin';

export interface PracticeAdminDeps {
  store: CapacityStore;
  repo: PracticeRepository;
  clock: Clock;
  log: Logger;
  monitor: PracticeMonitor;
  /** Where staff actions on the waiting list are announced (the patient is told). */
  bus: EventBus;
}

/** A practice's state as the admin API and the console show it: today's level with the next day that has room. */
export type PracticeView = PracticeState & { nextDayWithCapacity: IsoDay | null };

export type PauseResult = { ok: true; level: SafeguardLevel } | { ok: false; problems: string[] };

/** Days ahead whose limits follow a config or weekly-rota change. */
const SYNC_DAYS = 14;

/**
 * What a practice manager can do, whichever door they come in by: the JSON admin API and the console
 * pages both call these, so the rules (limits follow a rota, promotion after more capacity, the pause
 * window, the ICB's record) live in one place. Inputs are already validated against the contracts.
 */
export function createPracticeAdmin(deps: PracticeAdminDeps) {
  const load = (p: string) => PracticeContext.load(deps.repo, p, defaultCalendar);
  const today = (ctx: PracticeContext) => serviceDay(ctx.calendar, deps.clock.now()).day;

  /** After a config or weekly-rota change: today's and upcoming days' limits follow, unless a dated rota fixes them. */
  async function syncLimits(p: string): Promise<void> {
    const ctx = await load(p);
    for (let i = 0, day = today(ctx); i < SYNC_DAYS; i++, day = addDays(day, 1)) {
      await deps.store.setDayLimits(p, day, await ctx.limits(day));
    }
    await deps.monitor.promote(p, { recompute: true });
  }

  async function nextDayWithCapacity(ctx: PracticeContext, from: IsoDay): Promise<IsoDay | null> {
    for (let i = 0, day = from; i < 30; i++, day = addDays(day, 1)) {
      if (!isWorkingDay(ctx.calendar, day)) continue;
      const u = await deps.store.usage(ctx.practice, day);
      const limit = u.limits?.routine ?? (await ctx.limits(day)).routine;
      if (u.used.routine < limit) return day;
    }
    return null;
  }

  const waiting = createWaitingAdmin({ ...deps, load, today });

  return {
    ...waiting,
    load,
    /** The injected clock's now (pages show times against the same clock the decisions use). */
    now: (): Date => deps.clock.now(),

    /** The service day now: today in or before core hours, else the next working day. */
    async serviceDay(p: string): Promise<IsoDay> {
      return today(await load(p));
    },

    async config(p: string): Promise<PracticeConfig> {
      return PracticeConfigSchema.parse((await deps.repo.getConfig(p)) ?? {});
    },

    async saveConfig(p: string, config: PracticeConfig): Promise<void> {
      await deps.repo.putConfig(p, config);
      deps.log.info({ practice: p, policy: config.policy }, 'practice config saved');
      await syncLimits(p);
    },

    async weeklyRota(p: string): Promise<WeeklyRotaBody> {
      return (await load(p)).settings.weekly ?? {};
    },

    async saveWeeklyRota(p: string, weekly: WeeklyRotaBody): Promise<void> {
      await deps.repo.putWeeklyRota(p, weekly);
      deps.log.info({ practice: p }, 'weekly rota saved');
      await syncLimits(p);
    },

    /** A day's rota (dated, else the template's weekday), its safe capacity, and whether a dated rota sets it. */
    async dayRota(
      p: string,
      day: IsoDay,
    ): Promise<{
      date: IsoDay;
      rota: RotaBody | null;
      safeCapacity: SafeCapacity;
      dated: boolean;
      workingDay: boolean;
    }> {
      const ctx = await load(p);
      const rota = await ctx.rota(day);
      return {
        date: day,
        rota,
        safeCapacity: safeCapacity(rota, ctx.settings.config),
        dated: (await deps.repo.getRota(p, day)) !== null,
        workingDay: isWorkingDay(ctx.calendar, day),
      };
    },

    /** The safe capacity a rota would give under the practice's settings, without saving it (the "check" step). */
    async preview(p: string, rota: RotaBody): Promise<SafeCapacity> {
      return safeCapacity(rota, (await load(p)).settings.config);
    },

    async saveDayRota(p: string, day: IsoDay, rota: RotaBody): Promise<SafeCapacity> {
      await deps.repo.putRota(p, day, rota);
      const ctx = await load(p);
      const capacity = safeCapacity(rota, ctx.settings.config);
      await deps.store.setDayLimits(p, day, {
        routine: capacity.routine,
        urgent: capacity.urgent,
        admin: capacity.admin,
      });
      deps.log.info({ practice: p, day, total: capacity.total }, 'rota saved');
      await deps.monitor.promote(p, { recompute: day === today(ctx) });
      return capacity;
    },

    /**
     * A day's state, read-only: the level its usage gives now (from the stored level, through the
     * hysteresis band). Reading never stores a level or publishes a change: decisions and the sweep do,
     * at most once a refresh window, so a page may show a level a moment before its event is published.
     */
    async state(p: string, day?: IsoDay): Promise<PracticeView> {
      const ctx = await load(p);
      const t = today(ctx);
      const { computed, ...s } = await deps.monitor.state(p, day, ctx);
      return { ...s, level: computed, nextDayWithCapacity: await nextDayWithCapacity(ctx, t) };
    },

    /** Every practice's state today (the ICB overview); read-only, as `state`. */
    async states(): Promise<PracticeState[]> {
      const practices = await deps.repo.listPractices();
      return Promise.all(
        practices.map(async (p) => {
          const { computed, ...s } = await deps.monitor.state(p);
          return { ...s, level: computed };
        }),
      );
    },

    /** Switches the online route off ("exceptional circumstances"): at most 4 days, in the future. */
    async pause(p: string, body: PauseBody): Promise<PauseResult> {
      const problems = checkPause(body, deps.clock.now());
      if (problems.length) return { ok: false, problems };
      await deps.repo.putPause(p, body);
      // The ICB is told: this log line and the level change to BLACK (declared) are its record.
      deps.log.warn(
        { practice: p, by: body.by, reason: body.reason, until: body.until, icbNotified: true },
        'exceptional circumstances: online route paused',
      );
      return { ok: true, level: (await deps.monitor.refresh(p)).level };
    },

    async resume(p: string): Promise<SafeguardLevel> {
      await deps.repo.putPause(p, null);
      deps.log.warn({ practice: p }, 'exceptional circumstances ended: online route resumed');
      await deps.monitor.promote(p, { recompute: true });
      return (await deps.monitor.refresh(p)).level;
    },
  };
}
export type PracticeAdmin = ReturnType<typeof createPracticeAdmin>;
