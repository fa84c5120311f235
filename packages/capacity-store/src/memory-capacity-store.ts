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
  type QueuedRequest,
  type ShareLimits,
  type ShareName,
  type StoredDecision,
  type WaitingList,
  type WaitingListInfo,
} from './capacity-store';
import { strip, zero, type Day, type Practice, type StoredRequest } from './memory-records';

export interface MemoryCapacityStoreOptions {
  /** How long request and day records live, as the Redis keys' TTL (default 35 days). */
  retentionSeconds?: number;
  /**
   * Most requests kept across all practices (default 50,000): beyond it the oldest decided ones go
   * first (never a queued one, which promotion still needs), so a long-running embedded process stays
   * flat in memory (the soak measured ~5 KB of RSS per request held). A redelivery of an evicted
   * request would be decided afresh: in-process redelivery is immediate, and 50,000 is hours at any
   * embedded load.
   */
  maxRequests?: number;
  /** The time, for expiry (tests move it). */
  now?: () => number;
}

/**
 * The embedded default's store. Node runs each method to completion before another starts (no await
 * inside), which gives the same atomicity the Redis implementation gets from Lua. Records expire as
 * the Redis keys do, and a sweep every few thousand decisions drops them (memory stays bounded).
 */
export class MemoryCapacityStore implements CapacityStore {
  private readonly data = new Map<string, Practice>();
  private readonly demand = new Map<string, HourlyDemand>();
  private readonly retentionMs: number;
  private readonly maxRequests: number;
  private readonly now: () => number;
  private requestCount = 0;
  private writes = 0;
  private floor = 0;

  constructor(options: MemoryCapacityStoreOptions = {}) {
    this.retentionMs = (options.retentionSeconds ?? 35 * 24 * 3600) * 1000;
    this.maxRequests = options.maxRequests ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  /** Requests held (tests and the soak benchmark). */
  size(): { practices: number; requests: number; days: number } {
    let requests = 0;
    let days = 0;
    for (const p of this.data.values()) {
      requests += p.requests.size;
      days += p.days.size;
    }
    return { practices: this.data.size, requests, days };
  }

  /** Drops expired requests and days, then the oldest decided requests beyond maxRequests. */
  prune(): void {
    const now = this.now();
    let count = 0;
    for (const p of this.data.values()) {
      for (const [id, r] of p.requests) {
        if (r.expiresAt !== undefined && r.expiresAt <= now) {
          p.requests.delete(id);
          if (r.outcome === 'queued' && r.list) this.unqueue(p, r.list, r);
        }
      }
      for (const [day, d] of p.days) if (d.expiresAt <= now) p.days.delete(day);
      count += p.requests.size;
    }
    // Oldest first: each practice's map keeps insertion order, so take from the front of each in turn.
    for (const p of this.data.values()) {
      if (count <= this.maxRequests) break;
      for (const [id, r] of p.requests) {
        if (count <= this.maxRequests * 0.9) break;
        if (r.outcome === 'queued') continue;
        p.requests.delete(id);
        count -= 1;
      }
    }
    this.requestCount = count;
    this.floor = count;
  }

  private wrote(n = 1): void {
    this.writes += n;
    this.requestCount += n;
    // Prune every few thousand decisions, or once well past the cap (the floor is what the last prune
    // could not drop: queued requests), so a long waiting list does not make every decision sweep.
    if (this.writes >= 5_000 || this.requestCount > Math.max(this.maxRequests, this.floor) * 1.1) {
      this.writes = 0;
      this.prune();
    }
  }

  /** Stores a promotion as the request's newest decision (keeping its arrival and payload) and queues its announcement. */
  private recordPromotion(p: Practice, id: string, r: StoredRequest, next: StoredDecision): Promotion {
    p.requests.set(id, {
      ...next,
      ...(r.arrivalMs !== undefined ? { arrivalMs: r.arrivalMs } : {}),
      ...(r.payload !== undefined ? { payload: r.payload } : {}),
      expiresAt: this.now() + this.retentionMs,
    });
    p.outbox.push(id);
    return { decision: next, payload: r.payload ?? '' };
  }

  private live(p: Practice, id: string): StoredRequest | undefined {
    const r = p.requests.get(id);
    if (r?.expiresAt !== undefined && r.expiresAt <= this.now()) return undefined;
    return r;
  }

  async decide(inputs: DecideInput[]): Promise<DecideResult[]> {
    const results = inputs.map((i) => this.decideOne(i));
    this.wrote(results.filter((r) => !r.duplicate).length);
    return results;
  }

  private decideOne(input: DecideInput): DecideResult {
    const p = this.practice(input.practice);
    const existing = this.live(p, input.requestId);
    if (existing) {
      const position =
        existing.outcome === 'queued' && existing.list ? this.rank(p, existing.list, input.requestId) : undefined;
      return { decision: strip(existing), duplicate: true, ...(position ? { position } : {}) };
    }
    const plan = input.plan;
    const base = { requestId: input.requestId, practice: input.practice, day: plan.day, sequence: 1 };
    let decision: StoredDecision;
    let position: number | undefined;
    let queueKey: StoredRequest['queueKey'];
    const queue = (list: WaitingList, priority: number, reasonCode: StoredDecision['reasonCode']) => {
      // Binary insertion (not push + sort): a long waiting list under load must not cost n log n per
      // request. The newest arrival counter is the largest, so it goes after every equal score.
      const entries = p.lists[list];
      const e = {
        id: input.requestId,
        score: queueScore(priority, input.arrivalMs),
        seq: ++p.queued,
        arrivalMs: input.arrivalMs,
      };
      let lo = 0;
      let hi = entries.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (entries[mid]!.score <= e.score) lo = mid + 1;
        else hi = mid;
      }
      entries.splice(lo, 0, e);
      queueKey = { score: e.score, seq: e.seq };
      position = lo + 1;
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
        decision = {
          ...base,
          outcome: 'redirected',
          reasonCode: plan.onFull.reasonCode,
          destination: plan.onFull.destination,
        };
      } else {
        day.used[plan.onFull.share] += 1;
        day.overbooked[plan.onFull.share] += 1;
        decision = {
          ...base,
          outcome: 'accepted',
          reasonCode: plan.onFull.reasonCode,
          share: plan.onFull.share,
          overbooked: true,
        };
      }
    }
    p.requests.delete(input.requestId); // an expired record: the new one goes to the back (insertion order = age)
    p.requests.set(input.requestId, {
      ...decision,
      arrivalMs: input.arrivalMs,
      payload: input.payload,
      expiresAt: this.now() + this.retentionMs,
      ...(queueKey ? { queueKey } : {}),
    });
    return { decision, duplicate: false, ...(position ? { position } : {}) };
  }

  async setDayLimits(practice: string, day: IsoDay, limits: ShareLimits): Promise<void> {
    const d = this.day(this.practice(practice), day, limits);
    d.limits = { ...limits };
    d.expiresAt = this.now() + this.retentionMs;
  }

  async usage(practice: string, day: IsoDay): Promise<DayUsage> {
    const stored = this.practice(practice).days.get(day);
    const d = stored && stored.expiresAt > this.now() ? stored : undefined;
    return {
      day,
      limits: d?.limits ? { ...d.limits } : null,
      used: d ? { ...d.used } : zero(),
      overbooked: d ? { ...d.overbooked } : zero(),
    };
  }

  async usedOn(practice: string, days: IsoDay[], share: ShareName): Promise<number[]> {
    const p = this.practice(practice);
    const now = this.now();
    return days.map((day) => {
      const d = p.days.get(day);
      return d && d.expiresAt > now ? d.used[share] : 0;
    });
  }

  async promote(practice: string, day: IsoDay, defaultLimits: ShareLimits, max = 1000): Promise<Promotion[]> {
    const p = this.practice(practice);
    const d = this.day(p, day, defaultLimits);
    d.expiresAt = this.now() + this.retentionMs;
    const out: Promotion[] = [];
    const pairs: [WaitingList, ShareName][] = [
      ['clinical', 'routine'],
      ['admin', 'admin'],
    ];
    for (const [list, share] of pairs) {
      while (out.length < max && d.used[share] < d.limits![share] && p.lists[list].length > 0) {
        const entry = p.lists[list].shift()!;
        const r = this.live(p, entry.id);
        if (!r) continue;
        d.used[share] += 1;
        const next: StoredDecision = {
          requestId: r.requestId,
          practice,
          day,
          outcome: 'accepted',
          reasonCode: 'promoted',
          share,
          sequence: r.sequence + 1,
        };
        out.push(this.recordPromotion(p, entry.id, r, next));
      }
    }
    return out;
  }

  async promoteRequest(
    practice: string,
    requestId: string,
    day: IsoDay,
    defaultLimits: ShareLimits,
  ): Promise<Promotion | null> {
    const p = this.practice(practice);
    const r = this.live(p, requestId);
    if (!r || r.outcome !== 'queued' || !r.list) return null;
    const share: ShareName = r.list === 'admin' ? 'admin' : 'routine';
    const d = this.day(p, day, defaultLimits);
    d.expiresAt = this.now() + this.retentionMs;
    const overbooked = d.used[share] >= d.limits[share];
    d.used[share] += 1;
    if (overbooked) d.overbooked[share] += 1;
    this.unqueue(p, r.list, r);
    const next: StoredDecision = {
      requestId,
      practice,
      day,
      outcome: 'accepted',
      reasonCode: 'promoted',
      share,
      sequence: r.sequence + 1,
      ...(overbooked ? { overbooked: true } : {}),
    };
    return this.recordPromotion(p, requestId, r, next);
  }

  async queued(practice: string, list: WaitingList, max = 1000): Promise<QueuedRequest[]> {
    const p = this.practice(practice);
    return p.lists[list].slice(0, max).flatMap((e, i) => {
      const r = this.live(p, e.id);
      if (!r) return [];
      return [
        {
          requestId: e.id,
          list,
          position: i + 1,
          priority: Math.floor(e.score / 1e13),
          arrivalMs: e.arrivalMs,
          decision: strip(r),
          payload: r.payload ?? '',
        },
      ];
    });
  }

  async pendingOutbox(practice: string): Promise<Promotion[]> {
    const p = this.practice(practice);
    return p.outbox.flatMap((id) => {
      const r = this.live(p, id);
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
    const r = this.live(p, requestId);
    if (!r || r.outcome === 'cancelled' || r.outcome === 'redirected') return null;
    if (r.outcome === 'accepted' && r.share) {
      const d = p.days.get(r.day);
      if (d) {
        d.used[r.share] = Math.max(0, d.used[r.share] - 1);
        if (r.overbooked) d.overbooked[r.share] = Math.max(0, d.overbooked[r.share] - 1);
      }
    }
    if (r.outcome === 'queued' && r.list) this.unqueue(p, r.list, r);
    const next: StoredDecision = {
      ...strip(r),
      outcome: 'cancelled',
      reasonCode: 'cancelled',
      sequence: r.sequence + 1,
    };
    p.requests.set(requestId, {
      ...next,
      ...(r.arrivalMs !== undefined ? { arrivalMs: r.arrivalMs } : {}),
      ...(r.payload !== undefined ? { payload: r.payload } : {}),
      ...(r.expiresAt !== undefined ? { expiresAt: r.expiresAt } : {}),
    });
    return { decision: next, payload: r.payload ?? '' };
  }

  async getDecision(practice: string, requestId: string): Promise<StoredDecision | null> {
    const r = this.live(this.practice(practice), requestId);
    return r ? strip(r) : null;
  }

  async position(practice: string, requestId: string): Promise<number | null> {
    const p = this.practice(practice);
    const r = this.live(p, requestId);
    return r?.outcome === 'queued' && r.list ? (this.rank(p, r.list, requestId) ?? null) : null;
  }

  async waitingList(practice: string, list: WaitingList): Promise<WaitingListInfo> {
    const entries = this.practice(practice).lists[list];
    return {
      depth: entries.length,
      // A loop, not Math.min(...list): spreading a long waiting list overflows the call stack.
      oldestArrivalMs: entries.reduce<number | null>(
        (min, e) => (min === null || e.arrivalMs < min ? e.arrivalMs : min),
        null,
      ),
    };
  }

  async recordDemand(entries: DemandEntry[]): Promise<void> {
    for (const e of entries) {
      const k = `${e.practice}|${e.day}`;
      const d = this.demand.get(k) ?? emptyDemand(e.day);
      if (e.redirectedTo) d.redirected[e.redirectedTo] = (d.redirected[e.redirectedTo] ?? 0) + 1;
      else d[e.kind][e.hour] = (d[e.kind][e.hour] ?? 0) + 1;
      this.demand.set(k, d);
    }
  }

  async demandByHour(practice: string, day: IsoDay): Promise<HourlyDemand> {
    const d = this.demand.get(`${practice}|${day}`);
    return d
      ? { day, clinical: [...d.clinical], admin: [...d.admin], redirected: { ...d.redirected } }
      : emptyDemand(day);
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
    if (!d || d.expiresAt <= this.now()) {
      d = { limits: null, used: zero(), overbooked: zero(), expiresAt: this.now() + this.retentionMs };
      p.days.set(day, d);
    }
    if (!d.limits) d.limits = { ...defaults };
    for (const s of SHARES) d.limits[s] = Math.max(0, Math.floor(d.limits[s]));
    return d as Day & { limits: ShareLimits };
  }

  /**
   * A queued request's 1-based place in its list, or undefined when it is not there. The list is sorted
   * by (score, seq), so its entry is found by binary search on the key kept with the request: a status
   * read must not scan a waiting list of tens of thousands (it blocked the event loop for milliseconds
   * per read at 50,000 waiting, docs/faults.md).
   */
  private rank(p: Practice, list: WaitingList, id: string): number | undefined {
    const i = this.indexOf(p, list, p.requests.get(id));
    return i < 0 ? undefined : i + 1;
  }

  private indexOf(p: Practice, list: WaitingList, r: StoredRequest | undefined): number {
    const key = r?.queueKey;
    if (!key) return -1;
    const entries = p.lists[list];
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = entries[mid]!;
      if (e.score < key.score || (e.score === key.score && e.seq < key.seq)) lo = mid + 1;
      else hi = mid;
    }
    return entries[lo]?.id === r.requestId ? lo : -1;
  }

  /** Takes a queued request off its list (a binary search and one splice, not a filter of the list). */
  private unqueue(p: Practice, list: WaitingList, r: StoredRequest): void {
    const i = this.indexOf(p, list, r);
    if (i >= 0) p.lists[list].splice(i, 1);
  }
}
