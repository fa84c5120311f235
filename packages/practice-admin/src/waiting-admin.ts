import {
  CANCEL_REASONS,
  requestReference,
  type CancelReason,
  type ConsultationDecidedV1,
  type IsoDay,
  type ReasonCode,
} from '@sluice/contracts';
import type { CapacityStore, StoredDecision, StoredOutcome, WaitingList } from '@sluice/capacity-store';
import type { Clock } from '@sluice/config';
import type { EventBus } from '@sluice/event-bus';
import type { Logger } from '@sluice/observability';
import { decidedEvent, publishDecisions, type AnnouncePayload } from './decision-event';
import { expectedDayAt, upcomingFree } from './expected-day';
import type { PracticeContext } from './practice-context';
import type { PracticeMonitor } from './practice-monitor';

/** One queued request as staff see it: a reference, never symptom text (the store keeps none). */
export interface WaitingItem {
  id: string;
  reference: string;
  list: WaitingList;
  /** 1-based place in its own list (clinical and admin are separate lists). */
  place: number;
  receivedAt: string | null;
  kind: ConsultationDecidedV1['kind'] | null;
  urgency: ConsultationDecidedV1['urgency'] | null;
  reason: ReasonCode;
  expectedDay: IsoDay;
}

export type ActOnResult =
  | {
      ok: true;
      id: string;
      status: 'accepted' | 'cancelled';
      day: IsoDay;
      sequence: number;
      overbooked: boolean;
      promoted?: number;
    }
  | { ok: false; status: 404 }
  | { ok: false; status: 409; outcome: StoredOutcome };

export interface WaitingAdminDeps {
  store: CapacityStore;
  bus: EventBus;
  clock: Clock;
  log: Logger;
  monitor: PracticeMonitor;
  load: (p: string) => Promise<PracticeContext>;
  today: (ctx: PracticeContext) => IsoDay;
}

const parsePayload = (payload: string): AnnouncePayload | null => {
  try {
    return payload ? (JSON.parse(payload) as AnnouncePayload) : null;
  } catch {
    return null;
  }
};

/** "Riverside Surgery cancelled your request because …": what the patient is told, on the status page and in the message. */
export function cancelledText(practiceName: string, reason: CancelReason | undefined): string {
  const why = reason ? ` because ${CANCEL_REASONS[reason]}` : '';
  return `${practiceName.trim()} cancelled your request${why}. If you still need help, send a new request or call the practice. In an emergency, call 999.`;
}

/**
 * The waiting list and what staff do with it (take on now, cancel with a reason), for the JSON API and
 * the console alike. Each change is one atomic store operation, announced once: published, then acked.
 */
export function createWaitingAdmin(deps: WaitingAdminDeps) {
  const announce = async (ctx: PracticeContext, event: ConsultationDecidedV1 | null, id: string) => {
    if (event) await publishDecisions(deps.bus, [event]);
    await deps.store.ackOutbox(ctx.practice, [id]);
  };

  /** Why a request could not be acted on: it is no longer open (409), or there is no such request (404). */
  const refusal = (before: StoredDecision | null): ActOnResult =>
    before ? { ok: false, status: 409, outcome: before.outcome } : { ok: false, status: 404 };

  return {
    /** Every queued request, clinical list first, each in its list's order, with the day it is expected to be looked at. */
    async waiting(p: string): Promise<{ day: IsoDay; items: WaitingItem[] }> {
      const ctx = await deps.load(p);
      const day = deps.today(ctx);
      const items: WaitingItem[] = [];
      for (const list of ['clinical', 'admin'] as const) {
        const queued = await deps.store.queued(p, list);
        if (!queued.length) continue;
        const upcoming = await upcomingFree(ctx, (days, share) => deps.store.usedOn(p, days, share), list, day);
        for (const q of queued) {
          const payload = parsePayload(q.payload);
          items.push({
            id: q.requestId,
            reference: requestReference(q.requestId),
            list,
            place: q.position,
            receivedAt: payload?.receivedAt ?? null,
            kind: payload?.kind ?? null,
            urgency: payload?.urgency ?? null,
            reason: q.decision.reasonCode,
            expectedDay: expectedDayAt(q.position, upcoming, day),
          });
        }
      }
      return { day, items };
    },

    /** Takes one queued request on today (the service day), beyond safe capacity if need be (counted as overbooked). */
    async promote(p: string, id: string): Promise<ActOnResult> {
      const ctx = await deps.load(p);
      const day = deps.today(ctx);
      const promotion = await deps.store.promoteRequest(p, id, day, await ctx.limits(day));
      if (!promotion) return refusal(await deps.store.getDecision(p, id));
      const payload = parsePayload(promotion.payload);
      await announce(ctx, payload ? decidedEvent(promotion.decision, payload, ctx, deps.clock.now()) : null, id);
      const overbooked = promotion.decision.overbooked === true;
      deps.log.info({ practice: p, requestId: id, day, overbooked }, 'request taken on by staff');
      await deps.monitor.refresh(p, ctx);
      return { ok: true, id, status: 'accepted', day, sequence: promotion.decision.sequence, overbooked };
    },

    /** Cancels an accepted or queued request; the patient is told why. Freed capacity promotes the next in line. */
    async cancel(p: string, id: string, reason?: CancelReason): Promise<ActOnResult> {
      const before = await deps.store.getDecision(p, id);
      const cancelled = await deps.store.cancel(p, id);
      if (!cancelled) return refusal(before);
      const ctx = await deps.load(p);
      const payload = parsePayload(cancelled.payload);
      if (payload) {
        const event = decidedEvent(cancelled.decision, payload, ctx, deps.clock.now());
        await publishDecisions(deps.bus, [
          { ...event, reason: { code: 'cancelled', text: cancelledText(ctx.settings.config.name, reason) } },
        ]);
      }
      deps.log.info(
        { practice: p, requestId: id, before: before?.outcome, reason: reason ?? null },
        'request cancelled',
      );
      const promoted = await deps.monitor.promote(p);
      return {
        ok: true,
        id,
        status: 'cancelled',
        day: cancelled.decision.day,
        sequence: cancelled.decision.sequence,
        overbooked: false,
        promoted,
      };
    },
  };
}
export type WaitingAdmin = ReturnType<typeof createWaitingAdmin>;
