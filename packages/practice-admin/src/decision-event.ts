import {
  ConsultationRequestedV1,
  TOPICS,
  screeningOutcomeOf,
  type ConsultationDecidedV1,
  type IsoDay,
} from '@sluice/contracts';
import type { StoredDecision } from '@sluice/capacity-store';
import { reasonText } from '@sluice/domain';
import type { EventBus } from '@sluice/event-bus';
import type { PracticeContext } from './practice-context';

/** What is kept with a queued request so that its promotion can be announced: no symptom text. */
export interface AnnouncePayload {
  kind: ConsultationRequestedV1['kind'];
  urgency: ConsultationRequestedV1['urgency'];
  contact: ConsultationRequestedV1['contact'];
  receivedAt: string;
  flags?: ConsultationDecidedV1['flags'];
  /** Only for a concern, so that a later cancellation still says what the screen found (no advice text kept). */
  screening?: 'concern';
}

export const payloadOf = (e: ConsultationRequestedV1): AnnouncePayload => ({
  kind: e.kind,
  urgency: e.urgency,
  contact: e.contact,
  receivedAt: e.receivedAt,
  ...(e.screening.outcome === 'concern' ? { screening: 'concern' as const } : {}),
});

/** What a decision event says about the screen: the outcome, and for a concern its rule and advice. */
export type ScreeningFacts = Pick<ConsultationDecidedV1, 'screening' | 'screeningRule' | 'advice'>;

export function screeningFacts(e: ConsultationRequestedV1): ScreeningFacts {
  const s = e.screening;
  return {
    screening: screeningOutcomeOf(s),
    ...(s.outcome !== 'clear' && s.ruleId ? { screeningRule: s.ruleId } : {}),
    ...(s.outcome === 'concern' && s.advice ? { advice: s.advice } : {}),
  };
}

/** Builds the decision event a patient is told about, with its plain-English reason. */
export function decidedEvent(
  d: StoredDecision,
  payload: AnnouncePayload,
  ctx: PracticeContext,
  now: Date,
  extra: {
    flags?: ConsultationDecidedV1['flags'];
    queue?: { position: number; expectedDay: IsoDay };
    screening?: ScreeningFacts;
  } = {},
): ConsultationDecidedV1 {
  const flags = new Set(extra.flags ?? []);
  const screening: ScreeningFacts = extra.screening ?? (payload.screening ? { screening: payload.screening } : {});
  if (screening.screening === 'concern') flags.add('concern');
  if (d.overbooked) flags.add('duty-clinician');
  if (d.reasonCode === 'promoted') flags.add('promoted');
  const text = reasonText(d.reasonCode, {
    practiceName: ctx.settings.config.name,
    day: d.day,
    ...(extra.queue ? { expectedDay: extra.queue.expectedDay, position: extra.queue.position } : {}),
    ...(d.destination ? { destination: d.destination } : {}),
    ...(ctx.settings.pause ? { until: ctx.settings.pause.until } : {}),
    ...(screening.advice ? { advice: screening.advice } : {}),
  });
  return {
    type: 'consultation.decided',
    version: 1,
    id: d.requestId,
    practice: d.practice,
    sequence: d.sequence,
    outcome: d.outcome,
    reason: { code: d.reasonCode, text },
    day: d.day,
    ...(d.share ? { share: d.share } : {}),
    ...(d.destination ? { destination: d.destination } : {}),
    ...(extra.queue ? { queue: extra.queue } : {}),
    flags: [...flags],
    ...screening,
    kind: payload.kind,
    urgency: payload.urgency,
    contact: payload.contact,
    receivedAt: payload.receivedAt,
    decidedAt: now.toISOString(),
  };
}

export async function publishDecisions(bus: EventBus, events: ConsultationDecidedV1[]): Promise<void> {
  if (events.length === 0) return;
  await bus.publish(
    TOPICS.decided,
    events.map((e) => ({ key: e.practice, value: JSON.stringify(e), headers: { 'request-id': e.id } })),
  );
}
