import { ConsultationRequestedV1, type ConsultationDecidedV1, type IsoDay } from '@sluice/contracts';
import type { DecideInput, DecideResult, DemandEntry, WaitingList } from '@sluice/capacity-store';
import { londonDayHour, planDecision, type Plan } from '@sluice/domain';
import type { Parsed } from '@sluice/event-bus';
import {
  decidedEvent,
  defaultCalendar,
  expectedDayAt,
  payloadOf,
  PracticeContextCache,
  publishDecisions,
  screeningFacts,
  upcomingFree,
  type MonitorDeps,
  type PracticeContext,
} from '@sluice/practice-admin';
import { createFairUseTracker } from './fair-use';

/** What the monitor needs, and who to tell after each batch. */
export interface DeciderDeps extends MonitorDeps {
  /** Told which practices a batch touched (with the settings the batch read), to refresh their levels and gauges. */
  onPracticesTouched?: (contexts: PracticeContext[]) => Promise<void>;
}

/**
 * Decides a batch of requests: plans each with the pure domain, decides them all in one pipelined
 * round trip to the store (each decision atomic and idempotent on the request id), then publishes
 * every decision before the batch's offsets are committed. A redelivered request is answered from its
 * stored decision, and published again (the notifier sends one message per decision sequence).
 */
export function createDecider(deps: DeciderDeps) {
  const calendarFor = deps.calendar ?? defaultCalendar;
  const settings = new PracticeContextCache(deps.repo, calendarFor);

  /**
   * Counts first decisions into each practice's hourly demand (by arrival, Europe/London), for the
   * console's chart; redirects by destination. Redeliveries are skipped so a request counts once; a failure here only thins the
   * chart, so it is logged and the batch goes on.
   */
  async function recordDemand(events: Parsed<ConsultationRequestedV1>[], results: DecideResult[]): Promise<void> {
    const entries: DemandEntry[] = [];
    results.forEach((r, i) => {
      const e = events[i]!.event;
      // A redirect is counted by where it went, apart from the demand the level compares with capacity.
      const to = r.decision.outcome === 'redirected' ? r.decision.destination : undefined;
      if (!r.duplicate)
        entries.push({
          practice: e.practice,
          kind: e.kind,
          ...londonDayHour(new Date(e.receivedAt)),
          ...(to ? { redirectedTo: to } : {}),
        });
    });
    await deps.store
      .recordDemand(entries)
      .catch((err) => deps.log.warn({ err: (err as Error).message }, 'demand not counted'));
  }

  return async function decide(events: Parsed<ConsultationRequestedV1>[]): Promise<ConsultationDecidedV1[]> {
    const now = deps.clock.now();
    // Every practice's settings: one version check per practice for the batch, documents read only when changed.
    const contexts = await settings.load([...new Set(events.map((e) => e.event.practice))]);

    const plans: Plan[] = [];
    const fairUse = createFairUseTracker(deps.repo, now);
    for (const { event } of events) {
      const ctx = contexts.get(event.practice)!;
      plans.push(
        planDecision(event, {
          now,
          calendar: ctx.calendar,
          config: ctx.settings.config,
          pause: ctx.activePause(now),
          ...(await fairUse.context(event, ctx.settings.config)),
        }),
      );
    }
    // The rota of each practice-day the plans name, read once and all at once (PracticeContext caches it).
    const days = new Map(
      events.map(({ event }, i) => [
        `${event.practice}|${plans[i]!.day}`,
        [contexts.get(event.practice)!, plans[i]!.day] as const,
      ]),
    );
    await Promise.all([...days.values()].map(([ctx, day]) => ctx.limits(day)));
    const inputs: DecideInput[] = [];
    for (let i = 0; i < events.length; i++) {
      const { event } = events[i]!;
      inputs.push({
        practice: event.practice,
        requestId: event.id,
        plan: plans[i]!,
        defaultLimits: await contexts.get(event.practice)!.limits(plans[i]!.day),
        arrivalMs: Date.parse(event.receivedAt),
        payload: JSON.stringify(payloadOf(event)),
      });
    }

    const results = await deps.store.decide(inputs);
    // The chart's count goes out beside the rest of the batch, not before it: it is off the patient's
    // path (a failure only thins the chart), and is awaited before the batch is done.
    const demand = recordDemand(events, results);

    // Expected days for queued requests: each practice's upcoming free places, read once per batch.
    const upcomingCache = new Map<string, Promise<{ day: IsoDay; free: number }[]>>();
    const upcoming = (ctx: PracticeContext, list: WaitingList, from: IsoDay) => {
      const k = `${ctx.practice}|${list}|${from}`;
      let u = upcomingCache.get(k);
      if (!u)
        upcomingCache.set(
          k,
          (u = upcomingFree(ctx, (days, share) => deps.store.usedOn(ctx.practice, days, share), list, from)),
        );
      return u;
    };

    // Every queued request's forecast read at once for the whole batch, each practice's in one store call.
    // Awaited one practice after another in the loop below, twenty reads each, they were most of the
    // intake→decision latency once practices were full (docs/performance.md).
    const upcomingFor = await Promise.all(
      results.map(({ decision, position }, i) =>
        decision.outcome === 'queued' && decision.list && position
          ? upcoming(contexts.get(events[i]!.event.practice)!, decision.list, decision.day)
          : undefined,
      ),
    );

    const decided: ConsultationDecidedV1[] = [];
    for (let i = 0; i < results.length; i++) {
      const { event } = events[i]!;
      const { decision, duplicate, position } = results[i]!;
      const ctx = contexts.get(event.practice)!;
      const free = upcomingFor[i];
      const queue =
        free && position ? { position, expectedDay: expectedDayAt(position, free, decision.day) } : undefined;
      const flags: ConsultationDecidedV1['flags'] = [...plans[i]!.flags];
      if (event.screening.outcome === 'emergency-signposted' && !flags.includes('emergency-signposted'))
        flags.push('emergency-signposted');
      // Redeliveries too: recording is idempotent on the request id, so a crash between the store's
      // decision and this line is made good when the batch comes again, instead of leaving it uncounted.
      await fairUse.record(event, ctx.settings.config, decision.outcome);
      decided.push(
        decidedEvent(decision, payloadOf(event), ctx, now, {
          flags,
          screening: screeningFacts(event),
          ...(queue ? { queue } : {}),
        }),
      );
      if (duplicate) {
        deps.metrics.duplicates.inc();
        deps.log.debug(
          { requestId: event.id, practice: event.practice },
          'redelivered request answered from its stored decision',
        );
      } else {
        deps.metrics.decisions.inc({ outcome: decision.outcome, reason: decision.reasonCode });
        deps.metrics.practiceDecisions.inc({ practice: event.practice, outcome: decision.outcome });
        deps.log.info(
          {
            requestId: event.id,
            practice: event.practice,
            outcome: decision.outcome,
            reason: decision.reasonCode,
            sequence: decision.sequence,
            day: decision.day,
          },
          'request decided',
        );
      }
    }

    await publishDecisions(deps.bus, decided);
    await demand;
    // Latency runs to the moment the decision is durably published, the moment the patient can be told.
    const publishedMs = deps.clock.now().getTime();
    results.forEach((r, i) => {
      if (!r.duplicate)
        deps.metrics.decisionLatency.observe(Math.max(0, publishedMs - Date.parse(events[i]!.event.receivedAt)) / 1000);
    });
    if (deps.onPracticesTouched) await deps.onPracticesTouched([...contexts.values()]);
    deps.log.debug({ decided: decided.length, duplicates: results.filter((r) => r.duplicate).length }, 'batch decided');
    return decided;
  };
}
