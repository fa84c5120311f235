// The memory store's records: what MemoryCapacityStore keeps per practice (its Redis keys' equivalents).
import type { IsoDay } from '@sluice/contracts';
import type { ShareLimits, StoredDecision, WaitingList } from './capacity-store';

export interface Day {
  limits: ShareLimits | null;
  used: ShareLimits;
  overbooked: ShareLimits;
  /** Like the Redis day key's TTL: retention after the day was created or its limits last set. */
  expiresAt: number;
}

export interface Entry {
  id: string;
  score: number;
  /** Order of queueing: breaks ties between same-millisecond arrivals, as the Redis store does. */
  seq: number;
  arrivalMs: number;
}

/**
 * `queueKey`: a queued request's place in the sorted waiting list (its entry's score and seq), so
 * its position is found by binary search rather than by scanning the list.
 */
export type StoredRequest = StoredDecision & {
  payload?: string;
  arrivalMs?: number;
  expiresAt?: number;
  queueKey?: Pick<Entry, 'score' | 'seq'>;
};

export interface Practice {
  days: Map<IsoDay, Day>;
  requests: Map<string, StoredRequest>;
  lists: Record<WaitingList, Entry[]>;
  queued: number;
  outbox: string[];
}

export const zero = (): ShareLimits => ({ routine: 0, urgent: 0, admin: 0 });

/** A stored request as a decision (without what is kept only for announcing and expiry). */
export function strip(r: StoredRequest): StoredDecision {
  const { payload: _p, arrivalMs: _a, expiresAt: _e, queueKey: _q, ...rest } = r;
  return rest;
}
