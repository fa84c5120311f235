import { TOPICS, type IsoDay, type LevelChangedV1, type SafeguardLevel } from '@sluice/contracts';
import type { Promotion } from '@sluice/capacity-store';
import { coreHoursSecondsBetween, isWorkingDay, levelRank, nextLevel, serviceDay } from '@sluice/domain';
import type { Metrics } from '@sluice/observability';
import { decidedEvent, publishDecisions, type AnnouncePayload } from './decision-event';
import { defaultCalendar, type MonitorDeps } from './deps';
import { PracticeContext } from './practice-context';

export type { MonitorDeps } from './deps';

export interface PracticeState {
  practice: string;
  day: IsoDay;
  level: SafeguardLevel;
  shares: Record<'routine' | 'urgent' | 'admin', { used: number; safe: number }>;
  overbooked: number;
  queue: { clinical: number; admin: number; oldestWaitingMinutes: number | null };
  paused: { until: string; reason: string; by: string } | null;
}

/**
 * Keeps each practice's level, gauges and waiting list moving: promotes queued requests into freed
 * capacity (a cancellation, a bigger rota, a new day), announces each promotion (through the store's
 * outbox, so a crash between promoting and publishing only delays the message), and publishes a
 * `capacity.level-changed.v1` whenever the level (with hysteresis) changes.
 */
export function createPracticeMonitor(deps: MonitorDeps) {
  const calendarFor = deps.calendar ?? defaultCalendar;
  const load = (practice: string) => PracticeContext.load(deps.repo, practice, calendarFor);

  /**
   * `recompute`: the level is taken from usage alone, not held by the hysteresis band of the level
   * before. Hysteresis keeps one cancellation from flapping a level; a new rota or new settings change
   * the lines themselves, so the level held under the old ones says nothing about the new.
   */
  async function state(
    practice: string,
    day?: IsoDay,
    ctxIn?: PracticeContext,
    opts: { recompute?: boolean } = {},
  ): Promise<PracticeState & { computed: SafeguardLevel }> {
    const now = deps.clock.now();
    const ctx = ctxIn ?? (await load(practice));
    const d = day ?? serviceDay(ctx.calendar, now).day;
    const [usage, limits, clinical, admin, previous] = await Promise.all([
      deps.store.usage(practice, d),
      ctx.limits(d),
      deps.store.waitingList(practice, 'clinical'),
      deps.store.waitingList(practice, 'admin'),
      deps.repo.getLevel(practice, d),
    ]);
    const safe = usage.limits ?? limits;
    const oldestArrival = [clinical.oldestArrivalMs, admin.oldestArrivalMs].filter((x): x is number => x !== null);
    const oldestWaitingMinutes = oldestArrival.length
      ? Math.max(0, Math.floor((now.getTime() - Math.min(...oldestArrival)) / 60_000))
      : null;
    const pause = ctx.activePause(now);
    const computed = nextLevel(
      opts.recompute ? null : previous,
      {
        routine: { used: usage.used.routine, limit: safe.routine },
        urgent: { used: usage.used.urgent, limit: safe.urgent },
        ...(oldestWaitingMinutes !== null ? { oldestQueuedMinutes: oldestWaitingMinutes } : {}),
        declaredBlack: pause !== null,
        workingDay: isWorkingDay(ctx.calendar, d),
      },
      ctx.settings.config.thresholds,
    );
    return {
      practice,
      day: d,
      level: previous ?? computed,
      computed,
      shares: {
        routine: { used: usage.used.routine, safe: safe.routine },
        urgent: { used: usage.used.urgent, safe: safe.urgent },
        admin: { used: usage.used.admin, safe: safe.admin },
      },
      overbooked: usage.overbooked.urgent + usage.overbooked.routine,
      queue: { clinical: clinical.depth, admin: admin.depth, oldestWaitingMinutes },
      paused: pause ? { until: pause.until, reason: pause.reason, by: pause.by } : null,
    };
  }

  /** Recomputes today's level and gauges; publishes a level change if there is one. */
  async function refresh(
    practice: string,
    ctxIn?: PracticeContext,
    opts: { recompute?: boolean } = {},
  ): Promise<PracticeState> {
    const ctx = ctxIn ?? (await load(practice));
    const s = await state(practice, undefined, ctx, opts);
    const previous = await deps.repo.swapLevel(practice, s.day, s.computed);
    const from = previous ?? 'GREEN';
    if (from !== s.computed) {
      const event: LevelChangedV1 = {
        type: 'capacity.level-changed',
        version: 1,
        practice,
        day: s.day,
        from,
        to: s.computed,
        cause: s.paused
          ? 'declared: exceptional circumstances'
          : `routine ${s.shares.routine.used}/${s.shares.routine.safe}, urgent ${s.shares.urgent.used}/${s.shares.urgent.safe}`,
        at: deps.clock.now().toISOString(),
      };
      await deps.bus.publish(TOPICS.levelChanged, [{ key: practice, value: JSON.stringify(event) }]);
      deps.metrics.levelChanges.inc({ to: s.computed });
      deps.log.info({ practice, day: s.day, from, to: s.computed }, 'safeguard level changed');
    }
    const m = deps.metrics;
    if (deps.exportsPractice && !deps.exportsPractice(practice)) {
      removeGauges(m, practice);
      return { ...s, level: s.computed };
    }
    m.practiceLevel.set({ practice }, levelRank(s.computed));
    for (const share of SHARES) {
      m.practiceUsed.set({ practice, share }, s.shares[share].used);
      m.practiceSafe.set({ practice, share }, s.shares[share].safe);
    }
    m.practiceQueueDepth.set({ practice }, s.queue.clinical + s.queue.admin);
    if (s.paused) m.practicePaused.set({ practice }, 1);
    else m.practicePaused.remove({ practice });
    const waited = (s.queue.oldestWaitingMinutes ?? 0) * 60;
    m.practiceOldestQueued.set({ practice }, waited);
    // The alert on "older than one working day" reads this one: nights and weekends do not count.
    const now = deps.clock.now();
    m.practiceOldestQueuedWorking.set(
      { practice },
      waited ? coreHoursSecondsBetween(ctx.calendar, new Date(now.getTime() - waited * 1000), now) : 0,
    );
    return { ...s, level: s.computed };
  }

  async function announce(ctx: PracticeContext, promotions: Promotion[]): Promise<void> {
    if (promotions.length === 0) return;
    const now = deps.clock.now();
    const events = promotions
      .filter((p) => p.payload !== '')
      .map((p) => decidedEvent(p.decision, JSON.parse(p.payload) as AnnouncePayload, ctx, now));
    await publishDecisions(deps.bus, events);
    await deps.store.ackOutbox(
      ctx.practice,
      promotions.map((p) => p.decision.requestId),
    );
  }

  /** Promotes queued requests into the current service day's free capacity and announces them. */
  async function promote(practice: string, opts: { recompute?: boolean } = {}): Promise<number> {
    const ctx = await load(practice);
    const day = serviceDay(ctx.calendar, deps.clock.now()).day;
    // First re-announce anything a crash left in the outbox, then promote afresh.
    await announce(ctx, await deps.store.pendingOutbox(practice));
    const promoted = await deps.store.promote(practice, day, await ctx.limits(day));
    await announce(ctx, promoted);
    if (promoted.length) {
      deps.metrics.promotions.inc(promoted.length);
      deps.log.info({ practice, day, promoted: promoted.length }, 'promoted from the waiting list');
    }
    await refresh(practice, ctx, opts);
    return promoted.length;
  }

  /** One sweep over every practice: day rollover promotion, outbox recovery, levels and gauges. */
  async function tick(): Promise<void> {
    const practices = new Set([...(await deps.store.practices()), ...(await deps.repo.listPractices())]);
    for (const p of practices) {
      try {
        await promote(p);
      } catch (e) {
        deps.log.warn({ practice: p, err: (e as Error).message }, 'practice sweep failed; will retry next tick');
      }
    }
  }

  return { state, refresh, promote, tick };
}
export type PracticeMonitor = ReturnType<typeof createPracticeMonitor>;

const SHARES = ['routine', 'urgent', 'admin'] as const;

/** Drops every per-practice gauge series of `practice` (another replica owns it now). */
function removeGauges(m: Metrics, practice: string): void {
  for (const g of [
    m.practiceLevel,
    m.practiceQueueDepth,
    m.practiceOldestQueued,
    m.practiceOldestQueuedWorking,
    m.practicePaused,
  ])
    g.remove({ practice });
  for (const share of SHARES) {
    m.practiceUsed.remove({ practice, share });
    m.practiceSafe.remove({ practice, share });
  }
}
