import type { IsoDay } from '@sluice/contracts';
import {
  emptyDemand,
  queueScore,
  SHARES,
  type CapacityStore,
  type DayUsage,
  type DecideInput,
  type DecideResult,
  type DemandEntry,
  type HourlyDemand,
  type Promotion,
  type ShareLimits,
  type ShareName,
  type StoredDecision,
  type WaitingList,
  type WaitingListInfo,
} from './capacity-store';

interface Day {
  limits: ShareLimits | null;
  used: ShareLimits;
  overbooked: ShareLimits;
}

interface Entry {
  id: string;
  score: number;
  /** Order of queueing: breaks ties between same-millisecond arrivals, as the Redis store does. */
  seq: number;
  arrivalMs: number;
}

interface Practice {
  days: Map<IsoDay, Day>;
  requests: Map<string, StoredDecision & { payload?: string; arrivalMs?: number }>;
  lists: Record<WaitingList, Entry[]>;
  queued: number;
  outbox: string[];
}

const zero = (): ShareLimits => ({ routine: 0, urgent: 0, admin: 0 });

/**
 * The embedded default's store. Node runs each method to completion before another starts (no await
 * inside), which gives the same atomicity the Redis implementation gets from Lua.
 */
export class MemoryCapacityStore implements CapacityStore {
  private readonly data = new Map<string, Practice>();
  private readonly demand = new Map<string, HourlyDemand>();

  async decide(inputs: DecideInput[]): Promise<DecideResult[]> {
    return inputs.map((i) => this.decideOne(i));
  }

  private decideOne(input: DecideInput): DecideResult {
    const p = this.practice(input.practice);
    const existing = p.requests.get(input.requestId);
    if (existing) {
      const position = existing.outcome === 'queued' && existing.list ? this.rank(p, existing.list, input.requestId) : undefined;
      return { decision: strip(existing), duplicate: true, ...(position ? { position } : {}) };
    }
    const plan = input.plan;
    const base = { requestId: input.requestId, practice: input.practice, day: plan.day, sequence: 1 };
    let decision: StoredDecision;
    let position: number | undefined;
    const queue = (list: WaitingList, priority: number, reasonCode: StoredDecision['reasonCode']) => {
      p.lists[list].push({ id: input.requestId, score: queueScore(priority, input.arrivalMs), seq: ++p.queued, arrivalMs: input.arrivalMs });
      p.lists[list].sort((a, b) => a.score - b.score || a.seq - b.seq);
      position = this.rank(p, list, input.requestId);
      return { ...base, outcome: 'queued' as const, reasonCode, list };
    };
    if (plan.type === 'redirect') {
      decision = { ...base, outcome: 'redirected', reasonCode: plan.reasonCode, destination: plan.destination };
    } else if (plan.type === 'queue') {
      decision = queue(plan.list, plan.priority, plan.reasonCode);
    } else {
      const day = this.day(p, plan.day, input.defaultLimits);
      const share = plan.shares.find((s) => day.used[s] < day.limits![s]);
      if (share) {
        day.used[share] += 1;
        decision = { ...base, outcome: 'accepted', reasonCode: plan.acceptedReason, share };
      } else if (plan.onFull.type === 'queue') {
        decision = queue(plan.onFull.list, plan.onFull.priority, plan.onFull.reasonCode);
      } else if (plan.onFull.type === 'redirect') {
        decision = { ...base, outcome: 'redirected', reasonCode: plan.onFull.reasonCode, destination: plan.onFull.destination };
      } else {
        day.used[plan.onFull.share] += 1;
        day.overbooked[plan.onFull.share] += 1;
        decision = { ...base, outcome: 'accepted', reasonCode: plan.onFull.reasonCode, share: plan.onFull.share, overbooked: true };
      }
    }
    p.requests.set(input.requestId, { ...decision, arrivalMs: input.arrivalMs, payload: input.payload });
    return { decision, duplicate: false, ...(position ? { position } : {}) };
  }

  async setDayLimits(practice: string, day: IsoDay, limits: ShareLimits): Promise<void> {
    const d = this.day(this.practice(practice), day, limits);
    d.limits = { ...limits };
  }

  async usage(practice: string, day: IsoDay): Promise<DayUsage> {
    const d = this.practice(practice).days.get(day);
    return {
      day,
      limits: d?.limits ? { ...d.limits } : null,
      used: d ? { ...d.used } : zero(),
      overbooked: d ? { ...d.overbooked } : zero(),
    };
  }

  async promote(practice: string, day: IsoDay, defaultLimits: ShareLimits, max = 1000): Promise<Promotion[]> {
    const p = this.practice(practice);
    const d = this.day(p, day, defaultLimits);
    const out: Promotion[] = [];
    const pairs: [WaitingList, ShareName][] = [['clinical', 'routine'], ['admin', 'admin']];
    for (const [list, share] of pairs) {
      while (out.length < max && d.used[share] < d.limits![share] && p.lists[list].length > 0) {
        const entry = p.lists[list].shift()!;
        const r = p.requests.get(entry.id);
        if (!r) continue;
        d.used[share] += 1;
        const next: StoredDecision = { requestId: r.requestId, practice, day, outcome: 'accepted', reasonCode: 'promoted', share, sequence: r.sequence + 1 };
        p.requests.set(entry.id, { ...next, arrivalMs: r.arrivalMs, ...(r.payload !== undefined ? { payload: r.payload } : {}) });
        p.outbox.push(entry.id);
        out.push({ decision: next, payload: r.payload ?? '' });
      }
    }
    return out;
  }

  async pendingOutbox(practice: string): Promise<Promotion[]> {
    const p = this.practice(practice);
    return p.outbox.flatMap((id) => {
      const r = p.requests.get(id);
      return r ? [{ decision: strip(r), payload: r.payload ?? '' }] : [];
    });
  }

  async ackOutbox(practice: string, requestIds: string[]): Promise<void> {
    const p = this.practice(practice);
    const acked = new Set(requestIds);
    p.outbox = p.outbox.filter((id) => !acked.has(id));
  }

  async cancel(practice: string, requestId: string): Promise<Promotion | null> {
    const p = this.practice(practice);
    const r = p.requests.get(requestId);
    if (!r || r.outcome === 'cancelled' || r.outcome === 'redirected') return null;
    if (r.outcome === 'accepted' && r.share) {
      const d = p.days.get(r.day);
      if (d) {
        d.used[r.share] = Math.max(0, d.used[r.share] - 1);
        if (r.overbooked) d.overbooked[r.share] = Math.max(0, d.overbooked[r.share] - 1);
      }
    }
    if (r.outcome === 'queued' && r.list) p.lists[r.list] = p.lists[r.list].filter((e) => e.id !== requestId);
    const next: StoredDecision = { ...strip(r), outcome: 'cancelled', reasonCode: 'cancelled', sequence: r.sequence + 1 };
    p.requests.set(requestId, { ...next, ...(r.arrivalMs !== undefined ? { arrivalMs: r.arrivalMs } : {}), ...(r.payload !== undefined ? { payload: r.payload } : {}) });
    return { decision: next, payload: r.payload ?? '' };
  }

  async getDecision(practice: string, requestId: string): Promise<StoredDecision | null> {
    const r = this.practice(practice).requests.get(requestId);
    return r ? strip(r) : null;
  }

  async position(practice: string, requestId: string): Promise<number | null> {
    const p = this.practice(practice);
    const r = p.requests.get(requestId);
    return r?.outcome === 'queued' && r.list ? (this.rank(p, r.list, requestId) ?? null) : null;
  }

  async waitingList(practice: string, list: WaitingList): Promise<WaitingListInfo> {
    const entries = this.practice(practice).lists[list];
    return {
      depth: entries.length,
      oldestArrivalMs: entries.length ? Math.min(...entries.map((e) => e.arrivalMs)) : null,
    };
  }

  async recordDemand(entries: DemandEntry[]): Promise<void> {
    for (const e of entries) {
      const k = `${e.practice}|${e.day}`;
      const d = this.demand.get(k) ?? emptyDemand(e.day);
      d[e.kind][e.hour] = (d[e.kind][e.hour] ?? 0) + 1;
      this.demand.set(k, d);
    }
  }

  async demandByHour(practice: string, day: IsoDay): Promise<HourlyDemand> {
    const d = this.demand.get(`${practice}|${day}`);
    return d ? { day, clinical: [...d.clinical], admin: [...d.admin] } : emptyDemand(day);
  }

  async practices(): Promise<string[]> {
    return [...this.data.keys()].sort();
  }

  async healthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}

  private practice(code: string): Practice {
    let p = this.data.get(code);
    if (!p) {
      p = { days: new Map(), requests: new Map(), lists: { clinical: [], admin: [] }, queued: 0, outbox: [] };
      this.data.set(code, p);
    }
    return p;
  }

  private day(p: Practice, day: IsoDay, defaults: ShareLimits): Day & { limits: ShareLimits } {
    let d = p.days.get(day);
    if (!d) {
      d = { limits: null, used: zero(), overbooked: zero() };
      p.days.set(day, d);
    }
    if (!d.limits) d.limits = { ...defaults };
    for (const s of SHARES) d.limits[s] = Math.max(0, Math.floor(d.limits[s]));
    return d as Day & { limits: ShareLimits };
  }

  private rank(p: Practice, list: WaitingList, id: string): number | undefined {
    const i = p.lists[list].findIndex((e) => e.id === id);
    return i < 0 ? undefined : i + 1;
  }
}

function strip(r: StoredDecision & { payload?: string; arrivalMs?: number }): StoredDecision {
  const { payload: _p, arrivalMs: _a, ...rest } = r;
  return rest;
}
