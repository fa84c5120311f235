import './zod-openapi';
import { z } from 'zod';
import {
  Advice,
  Contact,
  Destination,
  IsoDay,
  IsoInstant,
  OdsCode,
  RequestId,
  RequestKind,
  ScreeningOutcome,
  Share,
  Urgency,
} from './common';
import { Reason } from './reasons';
import { RedFlagCode } from './red-flags';

/**
 * What intake's screen found. `emergency-signposted` requests are never queued or counted; `concern`
 * ones go to the duty clinician today (urgent share or duty list), never the routine queue.
 */
export const Screening = z.object({
  outcome: z.enum(['clear', 'concern', 'emergency-signposted']),
  /** Id of the rule that fired (never the text that fired it). */
  ruleId: z.string().optional(),
  rulesVersion: z.string().optional(),
  destination: Destination.optional(),
  /**
   * A concern's fixed text from the rules file (the rule's reasonText): exactly when to call 999.
   * Never built from the patient's words.
   */
  advice: Advice.optional(),
});
export type Screening = z.output<typeof Screening>;

/** The screen's outcome in the words the HTTP answers and the decision event use. */
export const screeningOutcomeOf = (s: Pick<Screening, 'outcome'>): ScreeningOutcome =>
  s.outcome === 'emergency-signposted' ? 'emergency' : s.outcome;

/** consultation.requested.v1 — keyed by practice ODS code, so one practice's requests stay in order. */
export const ConsultationRequestedV1 = z.object({
  type: z.literal('consultation.requested'),
  version: z.literal(1),
  id: RequestId,
  practice: OdsCode,
  receivedAt: IsoInstant,
  kind: RequestKind,
  urgency: Urgency,
  description: z.string(),
  contact: Contact,
  redFlags: z.array(RedFlagCode).optional(),
  patient: z.object({ ageYears: z.number().int().optional(), cohorts: z.array(z.string()).optional() }).optional(),
  /** Salted hash of the contact, for the optional fair-use limit; never the contact itself. */
  contactHash: z.string().optional(),
  source: z.string().optional(),
  screening: Screening,
});
export type ConsultationRequestedV1 = z.output<typeof ConsultationRequestedV1>;

export const DecisionOutcome = z.enum(['accepted', 'queued', 'redirected', 'cancelled']);
export type DecisionOutcome = z.output<typeof DecisionOutcome>;

/**
 * consultation.decided.v1 — one per decision. A request can have several (queued, then promoted:
 * `sequence` counts them), and the notifier sends one message per (id, sequence).
 */
export const ConsultationDecidedV1 = z.object({
  type: z.literal('consultation.decided'),
  version: z.literal(1),
  id: RequestId,
  practice: OdsCode,
  sequence: z.number().int().min(1),
  outcome: DecisionOutcome,
  reason: Reason,
  /** The practice-day the decision is for (Europe/London). */
  day: IsoDay,
  share: Share.optional(),
  destination: Destination.optional(),
  queue: z.object({ position: z.number().int().min(1), expectedDay: IsoDay }).optional(),
  flags: z
    .array(z.enum(['emergency-signposted', 'concern', 'duty-clinician', 'promoted', 'staff-override']))
    .default([]),
  /**
   * What the screen made of the request, and for a concern the rule's id and its advice on when to call
   * 999. Optional so that decisions published before it existed (and promotions, cancellations of them)
   * still parse.
   */
  screening: ScreeningOutcome.optional(),
  screeningRule: z.string().optional(),
  advice: Advice.optional(),
  kind: RequestKind,
  urgency: Urgency,
  contact: Contact,
  receivedAt: IsoInstant,
  decidedAt: IsoInstant,
});
export type ConsultationDecidedV1 = z.output<typeof ConsultationDecidedV1>;

export const SafeguardLevel = z.enum(['GREEN', 'AMBER', 'RED', 'BLACK']);
export type SafeguardLevel = z.output<typeof SafeguardLevel>;

/** capacity.level-changed.v1 */
export const LevelChangedV1 = z.object({
  type: z.literal('capacity.level-changed'),
  version: z.literal(1),
  practice: OdsCode,
  day: IsoDay,
  from: SafeguardLevel,
  to: SafeguardLevel,
  cause: z.string(),
  at: IsoInstant,
});
export type LevelChangedV1 = z.output<typeof LevelChangedV1>;

/** notification.sent.v1 / notification.failed.v1 — no contact details, ever. */
export const NotificationResultV1 = z.object({
  type: z.enum(['notification.sent', 'notification.failed']),
  version: z.literal(1),
  id: RequestId,
  practice: OdsCode,
  sequence: z.number().int().min(1),
  channel: z.enum(['notify', 'webhook', 'log']),
  template: z.string(),
  attempts: z.number().int().min(1),
  providerReference: z.string().optional(),
  error: z.string().optional(),
  at: IsoInstant,
});
export type NotificationResultV1 = z.output<typeof NotificationResultV1>;

/**
 * A poison record's dead letter: where it came from and why it was refused. It carries the request
 * id and practice code when they could be read, and never the payload (which may hold patient data).
 */
export const DeadLetterV1 = z.object({
  type: z.literal('dead-letter'),
  version: z.literal(1),
  sourceTopic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  key: z.string().nullable(),
  error: z.string(),
  requestId: z.string().optional(),
  practice: z.string().optional(),
  at: IsoInstant,
});
export type DeadLetterV1 = z.output<typeof DeadLetterV1>;
