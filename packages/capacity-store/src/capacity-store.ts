import type { Destination, IsoDay, ReasonCode } from '@sluice/contracts';

export type ShareName = 'routine' | 'urgent' | 'admin';
export const SHARES: readonly ShareName[] = ['routine', 'urgent', 'admin'];
export type WaitingList = 'clinical' | 'admin';

export interface ShareLimits {
  routine: number;
  urgent: number;
  admin: number;
}

/** What to do when none of a plan's shares has room. */
export type OnFull =
  | { type: 'queue'; list: WaitingList; priority: number; reasonCode: ReasonCode }
  | { type: 'redirect'; destination: Destination; reasonCode: ReasonCode }
  | { type: 'overbook'; share: ShareName; reasonCode: ReasonCode };

/**
 * What the domain asks the store to try for one request. The domain decides what to try; the store
 * decides, atomically, whether it fits. (The domain's Plan type is assignable to this.)
 */
export type StorePlan =
  | { type: 'redirect'; day: IsoDay; destination: Destination; reasonCode: ReasonCode }
  | { type: 'queue'; day: IsoDay; list: WaitingList; priority: number; reasonCode: ReasonCode }
  | { type: 'reserve'; day: IsoDay; shares: ShareName[]; acceptedReason: ReasonCode; onFull: OnFull };

export interface DecideInput {
  practice: string;
  requestId: string;
  plan: StorePlan;
  /** Limits for the plan's day if the store has none yet (from the weekly rota); ignored otherwise. */
  defaultLimits: ShareLimits;
  /** Orders the waiting list within a priority. */
  arrivalMs: number;
  /**
   * Kept with the request, for its retention, so that a later promotion or cancellation can be announced
   * (the Redis store keeps none for a redirect, which can have neither).
   */
  payload: string;
}

export type StoredOutcome = 'accepted' | 'queued' | 'redirected' | 'cancelled';

export interface StoredDecision {
  requestId: string;
  practice: string;
  day: IsoDay;
  outcome: StoredOutcome;
  reasonCode: ReasonCode;
  share?: ShareName;
  destination?: Destination;
  overbooked?: boolean;
  list?: WaitingList;
  /** 1 for the first decision, +1 for each later one (promotion, cancellation). */
  sequence: number;
}

export interface DecideResult {
  decision: StoredDecision;
  /** True when the request had been decided before: nothing was reserved again. */
  duplicate: boolean;
  /** 1-based position in its waiting list, when queued. */
  position?: number;
}

export interface DayUsage {
  day: IsoDay;
  limits: ShareLimits | null;
  used: ShareLimits;
  /** Accepted beyond a share (the duty clinician's list under gms-contract-2025). */
  overbooked: ShareLimits;
}

/** A changed decision and the payload kept with its request, to announce the change. */
export interface Promotion {
  decision: StoredDecision;
  payload: string;
}

/** One request counted in its practice's demand: the Europe/London day and hour (0–23) it arrived. */
export interface DemandEntry {
  practice: string;
  day: IsoDay;
  hour: number;
  kind: WaitingList;
  /**
   * A request sent elsewhere: counted by destination for the day, not in the hourly demand (which is
   * what the level and the chart compare with safe capacity).
   */
  redirectedTo?: Destination;
}

/** Requests that arrived in each hour of a day (index = hour, 0–23), by kind; and those sent elsewhere, by destination. */
export interface HourlyDemand {
  day: IsoDay;
  clinical: number[];
  admin: number[];
  redirected: Partial<Record<Destination, number>>;
}

export const emptyDemand = (day: IsoDay): HourlyDemand => ({
  day,
  clinical: Array(24).fill(0),
  admin: Array(24).fill(0),
  redirected: {},
});

/** A request on a waiting list, as staff see it (the payload holds no symptom text). */
export interface QueuedRequest {
  requestId: string;
  list: WaitingList;
  /** 1-based, as `position` answers. */
  position: number;
  priority: number;
  arrivalMs: number;
  decision: StoredDecision;
  payload: string;
}

export interface WaitingListInfo {
  depth: number;
  oldestArrivalMs: number | null;
}

/**
 * The capacity store: every practice-day's limits and usage, the waiting lists and each request's
 * decision. Every method that changes state is atomic per practice (one Lua script in Redis), so
 * admitted never exceeds a share's limit however many replicas race. Business outcomes (queued,
 * redirected) are values; a store failure is a thrown StoreError.
 */
export interface CapacityStore {
  /** Decides each input atomically and idempotently on request id; inputs may be batched. */
  decide(inputs: DecideInput[]): Promise<DecideResult[]>;
  /** Sets a practice-day's limits (a rota saved). Call `promote` afterwards if capacity may have grown. */
  setDayLimits(practice: string, day: IsoDay, limits: ShareLimits): Promise<void>;
  usage(practice: string, day: IsoDay): Promise<DayUsage>;
  /** How many places of `share` are taken on each of `days`, in order (0 for a day with none): one round trip. */
  usedOn(practice: string, days: IsoDay[], share: ShareName): Promise<number[]>;
  /**
   * Moves queued requests into free capacity on `day`, in (priority, arrival) order, atomically; each
   * promotion is also written to the practice's outbox until `ackOutbox` says it was announced.
   */
  promote(practice: string, day: IsoDay, defaultLimits: ShareLimits, max?: number): Promise<Promotion[]>;
  /**
   * Staff take one queued request on now: accepted on `day` in its list's share, overbooked (and counted
   * so) when the share is full, atomically, and written to the outbox like `promote`. Null if the request
   * is not queued (already promoted, cancelled or unknown).
   */
  promoteRequest(
    practice: string,
    requestId: string,
    day: IsoDay,
    defaultLimits: ShareLimits,
  ): Promise<Promotion | null>;
  /** The first `max` requests of a waiting list, in order (a read: not atomic with later changes). */
  queued(practice: string, list: WaitingList, max?: number): Promise<QueuedRequest[]>;
  /** Promotions not yet acknowledged (announce them again after a crash). */
  pendingOutbox(practice: string): Promise<Promotion[]>;
  ackOutbox(practice: string, requestIds: string[]): Promise<void>;
  /** Cancels a request: frees its reservation or takes it off the waiting list. Null if nothing to cancel. */
  cancel(practice: string, requestId: string): Promise<Promotion | null>;
  getDecision(practice: string, requestId: string): Promise<StoredDecision | null>;
  position(practice: string, requestId: string): Promise<number | null>;
  waitingList(practice: string, list: WaitingList): Promise<WaitingListInfo>;
  /**
   * Counts requests into their practice-day's hourly demand (the console's chart). A count, not a
   * guarantee: the caller records only first decisions, so a redelivery is not counted twice.
   */
  recordDemand(entries: DemandEntry[]): Promise<void>;
  demandByHour(practice: string, day: IsoDay): Promise<HourlyDemand>;
  /** Practices the store has seen (for sweeps and the ICB overview). */
  practices(): Promise<string[]>;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

export class StoreError extends Error {
  constructor(
    message: string,
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** Waiting-list score: priority first, then arrival. 1e13 ms is beyond year 2286; doubles stay exact. */
export const queueScore = (priority: number, arrivalMs: number): number => priority * 1e13 + arrivalMs;
