import type { ConsultationDecidedV1, Destination, IsoDay, PracticeConfig, ReasonCode, Share } from '@sluice/contracts';
import { serviceDay, type Calendar } from './calendar';
import { isPaused, type Pause } from './pause';
import { isProtected, queuePriority, signpostFor, type PlanRequest } from './policy';

/**
 * The domain decides what to try, the capacity store decides (atomically, in one Lua call) whether
 * it fits, and the domain then explains the outcome (`reasonText`). A plan is that "what to try".
 */

export type ShareName = Share;
export type DecisionFlag = ConsultationDecidedV1['flags'][number];
export type QueueList = 'clinical' | 'admin';

/** What the store does when none of the plan's shares has room. */
export type OnFull =
  /** The waiting list; lower priority number = earlier. */
  | { type: 'queue'; list: QueueList; priority: number; reasonCode: ReasonCode }
  | { type: 'redirect'; destination: Destination; reasonCode: ReasonCode }
  /** Counted beyond the share and flagged for the duty clinician. */
  | { type: 'overbook'; share: ShareName; reasonCode: 'accepted-duty-clinician' | 'concern-duty-clinician' };

export type Plan =
  | {
      type: 'redirect';
      day: IsoDay;
      destination: Destination;
      reasonCode: ReasonCode;
      flags: DecisionFlag[];
      counted: false;
    }
  /** Queue without trying (paused; or a protected patient while the online route is closed). */
  | { type: 'queue'; day: IsoDay; list: QueueList; priority: number; reasonCode: ReasonCode; flags: DecisionFlag[] }
  | {
      type: 'reserve';
      day: IsoDay;
      shares: ShareName[];
      acceptedReason: ReasonCode;
      onFull: OnFull;
      flags: DecisionFlag[];
    };

export interface PlanContext {
  now: Date;
  /** The practice's calendar (bank holidays and its closures: `createCalendar({ closures: config.closures })`). */
  calendar: Calendar;
  config: PracticeConfig;
  pause?: Pause | null;
  /** Open routine clinical requests from the same contact within the window, and whether staff lifted the limit. */
  fairUse?: { openRecent: number; overridden: boolean };
}

/**
 * The plan for one request, in this order (the first rule that applies wins):
 * 1. Red flag (`screening.outcome` emergency-signposted): redirect to the screen's destination, never counted.
 *    Concern (`screening.outcome` concern), whatever the kind, urgency, profile, pause or fair use: in core
 *    hours the duty clinician today, in the urgent share or, when it is full, overbooked onto the duty
 *    list (never queued, never the routine share); out of core hours NHS 111 now, as no duty clinician
 *    can look at it until the practice opens (docs/decisions/0015-concern-outcome.md).
 * 2. Urgent clinical out of core hours: NHS 111 (it cannot wait for the next working day).
 *    Urgent clinical while paused: NHS 111, except for a protected cohort (duty clinician).
 * 3. Out of core hours with the online route closed (`closed`; `admin-only` for clinical requests):
 *    signpost NHS 111 online; a protected cohort is queued for the next working day instead.
 * 4. Fair use (when enabled, routine clinical, not a protected cohort): over the limit → NHS 111 online,
 *    unless staff overrode it for this patient.
 * 5. Paused: queue for when the pause ends.
 * 6. Otherwise reserve on the service day: urgent tries urgent then routine, routine tries routine,
 *    admin tries admin; what happens when full depends on the policy profile (`onFullFor`).
 */
export function planDecision(req: PlanRequest, ctx: PlanContext): Plan {
  const { config, now } = ctx;
  const { day, inCoreHours } = serviceDay(ctx.calendar, now);
  const flags: DecisionFlag[] = [];

  if (req.screening.outcome === 'emergency-signposted') {
    // The screen always names a destination; should it not, 999 is the safe default.
    return redirect(day, req.screening.destination ?? '999', 'redirected-emergency', ['emergency-signposted']);
  }
  if (req.screening.outcome === 'concern') return planConcern(day, inCoreHours);

  const clinical = req.kind === 'clinical';
  const urgent = clinical && req.urgency === 'urgent';
  const protectedCohort = isProtected(req.patient, config);
  const paused = isPaused(ctx.pause, now);
  const list: QueueList = clinical ? 'clinical' : 'admin';
  const priority = queuePriority(req.kind, protectedCohort);

  if (urgent && !inCoreHours) return redirect(day, 'nhs-111', 'redirected-nhs-111', flags);
  if (urgent && paused && !protectedCohort) return redirect(day, 'nhs-111', 'redirected-paused', flags);

  const routeClosed = config.outOfHours === 'closed' || (config.outOfHours === 'admin-only' && clinical);
  if (!inCoreHours && routeClosed) {
    return protectedCohort
      ? { type: 'queue', day, list, priority, reasonCode: 'queued-out-of-hours', flags }
      : redirect(day, 'nhs-111-online', 'redirected-closed-out-of-hours', flags);
  }

  if (clinical && !urgent && !protectedCohort && overFairUse(ctx)) {
    if (!ctx.fairUse?.overridden) return redirect(day, 'nhs-111-online', 'fair-use-limit', flags);
    flags.push('staff-override');
  }

  if (paused && !urgent) return { type: 'queue', day, list, priority, reasonCode: 'queued-paused', flags };

  return {
    type: 'reserve',
    day,
    shares: urgent ? ['urgent', 'routine'] : clinical ? ['routine'] : ['admin'],
    acceptedReason: !inCoreHours
      ? 'accepted-next-working-day'
      : urgent
        ? 'accepted-urgent'
        : clinical
          ? 'accepted-routine'
          : 'accepted-admin',
    onFull: onFullFor(req, config, { inCoreHours, protectedCohort, list, priority }),
    flags,
  };
}

/**
 * A concern goes to today's duty clinician: the urgent share alone (so it never takes a routine place),
 * overbooked when that is full, which counts beyond safe capacity as any duty-list overbooking does.
 */
function planConcern(day: IsoDay, inCoreHours: boolean): Plan {
  if (!inCoreHours) return redirect(day, 'nhs-111', 'redirected-concern', ['concern']);
  return {
    type: 'reserve',
    day,
    shares: ['urgent'],
    acceptedReason: 'concern-duty-clinician',
    onFull: { type: 'overbook', share: 'urgent', reasonCode: 'concern-duty-clinician' },
    flags: ['concern'],
  };
}

function redirect(day: IsoDay, destination: Destination, reasonCode: ReasonCode, flags: DecisionFlag[]): Plan {
  return { type: 'redirect', day, destination, reasonCode, flags, counted: false };
}

function overFairUse(ctx: PlanContext): boolean {
  return ctx.config.fairUse.enabled && (ctx.fairUse?.openRecent ?? 0) >= ctx.config.fairUse.maxOpenRoutine;
}

/**
 * When the shares are full. `gms-contract-2025`: routine and admin queue; urgent goes to the duty
 * clinician (nothing in scope goes to NHS 111 in core hours). `bma-safe-working`: routine goes on
 * the waiting list or is signposted, as the practice chose; urgent goes to NHS 111; admin queues.
 * Protected cohorts are never signposted away: they queue first, or go to the duty clinician.
 */
function onFullFor(
  req: PlanRequest,
  config: PracticeConfig,
  at: { inCoreHours: boolean; protectedCohort: boolean; list: QueueList; priority: number },
): OnFull {
  const queue: OnFull = {
    type: 'queue',
    list: at.list,
    priority: at.priority,
    reasonCode: at.inCoreHours ? 'queued-capacity' : 'queued-out-of-hours',
  };
  if (req.kind === 'admin') return queue;
  const bma = config.policy === 'bma-safe-working';
  if (req.urgency === 'urgent') {
    return bma && !at.protectedCohort
      ? { type: 'redirect', destination: 'nhs-111', reasonCode: 'redirected-nhs-111' }
      : { type: 'overbook', share: 'urgent', reasonCode: 'accepted-duty-clinician' };
  }
  if (bma && !at.protectedCohort && config.beyondCapacity === 'signpost')
    return { type: 'redirect', ...signpostFor(req, config) };
  return queue;
}
