import type { Destination, IsoDay, ReasonCode } from '@sluice/contracts';
import type { DecisionFlag, Plan, QueueList, ShareName } from './plan';

/** What the capacity store reports after executing a plan. */
export interface StoreOutcome {
  outcome: 'accepted' | 'queued' | 'redirected';
  share?: ShareName;
  /** Place on the waiting list, 1 = next. */
  position?: number;
  /** Counted beyond its share: the duty clinician sees it. */
  overbooked?: boolean;
  destination?: Destination;
  reasonCode: ReasonCode;
}

/**
 * The day a queued request is expected to be handled: the first upcoming day whose free capacity,
 * added up from the first, reaches the request's position; `fallback` when none does.
 */
export function expectedDay(position: number, upcoming: { day: IsoDay; free: number }[], fallback: IsoDay): IsoDay {
  let cumulative = 0;
  for (const { day, free } of upcoming) {
    cumulative += Math.max(0, free);
    if (cumulative >= position) return day;
  }
  return fallback;
}

/** The flags a decision event carries: the plan's, and `duty-clinician` for an overbooked request. */
export function decisionFlags(plan: Plan, outcome: StoreOutcome): DecisionFlag[] {
  return outcome.overbooked && !plan.flags.includes('duty-clinician')
    ? [...plan.flags, 'duty-clinician']
    : [...plan.flags];
}

/** A practice-day as the reference model sees it: free places per share, and the waiting lists. */
export interface ModelState {
  free: Record<ShareName, number>;
  queue: { list: QueueList; priority: number }[];
}

/**
 * The meaning of a plan, as a pure function: what a correct capacity store answers for it, given the
 * state it sees in its atomic step. Store implementations (memory and Redis) are checked against this.
 * A reserve takes the first of its shares with room; when none has room it follows `onFull`. A
 * queued request goes behind every waiting request of its list with the same or a lower priority number.
 */
export function referenceOutcome(plan: Plan, state: ModelState): StoreOutcome {
  const place = (list: QueueList, priority: number) =>
    state.queue.filter((q) => q.list === list && q.priority <= priority).length + 1;
  switch (plan.type) {
    case 'redirect':
      return { outcome: 'redirected', destination: plan.destination, reasonCode: plan.reasonCode };
    case 'queue':
      return { outcome: 'queued', position: place(plan.list, plan.priority), reasonCode: plan.reasonCode };
    case 'reserve': {
      const share = plan.shares.find((s) => state.free[s] > 0);
      if (share) return { outcome: 'accepted', share, reasonCode: plan.acceptedReason };
      const full = plan.onFull;
      switch (full.type) {
        case 'queue':
          return { outcome: 'queued', position: place(full.list, full.priority), reasonCode: full.reasonCode };
        case 'redirect':
          return { outcome: 'redirected', destination: full.destination, reasonCode: full.reasonCode };
        case 'overbook':
          return { outcome: 'accepted', share: full.share, overbooked: true, reasonCode: full.reasonCode };
      }
    }
  }
}
