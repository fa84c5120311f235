import type { IsoDay, PracticeConfig, ReasonCode, SafeguardLevel } from '@sluice/contracts';
import {
  CORE_HOURS,
  londonDayHour,
  nextLevel,
  planDecision,
  safeCapacity,
  serviceDay,
  type Calendar,
  type Pause,
  type Rota,
  type ShareName,
} from '@sluice/domain';
import type { DemandRecord } from './history';

export interface ReplayInput {
  day: IsoDay;
  /** Every request of the history; those the day served (its service day) are replayed, in arrival order. */
  requests: readonly DemandRecord[];
  config: PracticeConfig;
  rota: Rota | null;
  calendar: Calendar;
  pause?: Pause | null;
}

export interface ReplayOutcome {
  day: IsoDay;
  /** Requests the day served: every one is counted exactly once below. */
  requests: number;
  accepted: Partial<Record<ReasonCode, number>>;
  queued: Partial<Record<ReasonCode, number>>;
  redirected: Partial<Record<ReasonCode, number>>;
  totals: { accepted: number; queued: number; redirected: number };
  /** Accepted beyond safe capacity (overbooked onto the duty clinician). */
  overbooked: number;
  /** Patients told their request will be looked at tomorrow or later: the waiting list at close. */
  toldTomorrowOrLater: number;
  /** The waiting list's length at the end of each core hour from 08:00. */
  waitingByHour: { hour: number; waiting: number }[];
  /** Each level change, at the local time ("HH:MM") of the request that caused it. */
  levels: { at: string; level: SafeguardLevel }[];
  capacity: { routine: number; urgent: number; admin: number };
}

function bump(counts: Partial<Record<ReasonCode, number>>, code: ReasonCode): void {
  counts[code] = (counts[code] ?? 0) + 1;
}

function localClock(instant: Date): string {
  const { hour } = londonDayHour(instant);
  const minute = new Date(instant).getUTCMinutes();
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * Replays one day's demand through the same pure planner the decider uses, against the given rota
 * and settings: no I/O and no clock but the requests' own arrival times. The store's part (does the
 * plan's share have room?) is counted here in memory exactly as the Lua script does it, one request
 * after another. Nothing frees capacity within a replayed day, so the waiting list only grows.
 */
export function replayDay(input: ReplayInput): ReplayOutcome {
  const { config, calendar, day } = input;
  const capacity = safeCapacity(input.rota, config);
  const limit: Record<ShareName, number> = {
    routine: capacity.routine,
    urgent: capacity.urgent,
    admin: capacity.admin,
  };
  const used: Record<ShareName, number> = { routine: 0, urgent: 0, admin: 0 };
  const out: ReplayOutcome = {
    day,
    requests: 0,
    accepted: {},
    queued: {},
    redirected: {},
    totals: { accepted: 0, queued: 0, redirected: 0 },
    overbooked: 0,
    toldTomorrowOrLater: 0,
    waitingByHour: [],
    levels: [],
    capacity: { ...limit },
  };
  const served = input.requests
    .filter((r) => serviceDay(calendar, r.receivedAt).day === day)
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  let waiting = 0;
  let level: SafeguardLevel | null = null;
  const hourly = new Map<number, number>();
  for (const r of served) {
    out.requests += 1;
    const plan = planDecision(
      { kind: r.kind, urgency: r.urgency, description: '', screening: { outcome: 'clear' } },
      { now: r.receivedAt, calendar, config, pause: input.pause ?? null },
    );
    if (plan.type === 'redirect') {
      bump(out.redirected, plan.reasonCode);
      out.totals.redirected += 1;
    } else if (plan.type === 'queue') {
      bump(out.queued, plan.reasonCode);
      out.totals.queued += 1;
      waiting += 1;
    } else {
      const share = plan.shares.find((s) => used[s] < limit[s]);
      if (share !== undefined) {
        used[share] += 1;
        bump(out.accepted, plan.acceptedReason);
        out.totals.accepted += 1;
      } else if (plan.onFull.type === 'overbook') {
        used[plan.onFull.share] += 1;
        out.overbooked += 1;
        bump(out.accepted, plan.onFull.reasonCode);
        out.totals.accepted += 1;
      } else if (plan.onFull.type === 'queue') {
        bump(out.queued, plan.onFull.reasonCode);
        out.totals.queued += 1;
        waiting += 1;
      } else {
        bump(out.redirected, plan.onFull.reasonCode);
        out.totals.redirected += 1;
      }
    }
    const next = nextLevel(
      level,
      { routine: { used: used.routine, limit: limit.routine }, urgent: { used: used.urgent, limit: limit.urgent } },
      config.thresholds,
    );
    if (next !== level) out.levels.push({ at: localClock(r.receivedAt), level: next });
    level = next;
    const { day: arrivalDay, hour } = londonDayHour(r.receivedAt);
    hourly.set(arrivalDay === day ? Math.max(hour, CORE_HOURS.open.hour) : CORE_HOURS.open.hour, waiting);
  }
  let last = 0;
  for (let hour = CORE_HOURS.open.hour; hour <= CORE_HOURS.close.hour; hour++) {
    last = hourly.get(hour) ?? last;
    out.waitingByHour.push({ hour, waiting: last });
  }
  out.toldTomorrowOrLater = waiting;
  return out;
}
