import { z } from 'zod';
import { Contact, Destination, IsoDay, OdsCode, RequestId, RequestKind, Urgency } from './common';
import { Reason } from './reasons';
import { RedFlagCode } from './red-flags';

/** Largest request body intake takes, in bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Body of POST /v1/practices/{ods}/requests. */
export const CreateRequestBody = z
  .object({
    kind: RequestKind,
    urgency: Urgency.default('routine'),
    description: z.string().trim().min(1, 'describe what you need').max(4000),
    contact: Contact,
    /** Structured red-flag answers the online consultation tool already collected. */
    redFlags: z.array(RedFlagCode).max(30).optional(),
    /** Only what the rules need: age for Pharmacy First bands and cohorts the practice protects. */
    patient: z
      .object({
        ageYears: z.number().int().min(0).max(130).optional(),
        cohorts: z.array(z.string().regex(/^[a-z0-9-]{1,40}$/)).max(10).optional(),
      })
      .strict()
      .optional(),
    /** Name of the sending online consultation tool, for the practice's records. */
    source: z.string().max(100).optional(),
  })
  .strict();
export type CreateRequestBody = z.input<typeof CreateRequestBody>;
export type CreateRequest = z.output<typeof CreateRequestBody>;

export const RequestStatus = z.enum(['received', 'accepted', 'queued', 'redirected', 'cancelled']);
export type RequestStatus = z.output<typeof RequestStatus>;

/** GET /v1/requests/{id}: what a patient (or the sending tool) may see. No personal data. */
export const RequestStatusDoc = z.object({
  id: RequestId,
  practice: OdsCode,
  status: RequestStatus,
  reason: Reason,
  destination: Destination.optional(),
  queue: z.object({ position: z.number().int().min(1), expectedDay: IsoDay }).optional(),
  day: IsoDay.optional(),
  updatedAt: z.string(),
});
export type RequestStatusDoc = z.output<typeof RequestStatusDoc>;

/** 202 answer to a create. */
export const CreateRequestResponse = z.object({
  id: RequestId,
  status: RequestStatus,
  statusUrl: z.string(),
  reason: Reason.optional(),
  destination: Destination.optional(),
});
export type CreateRequestResponse = z.output<typeof CreateRequestResponse>;

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  [extra: string]: unknown;
}

/**
 * What a patient quotes to the practice for a request: the first 8 characters of its id, upper case,
 * in two groups ("6F1C-1B7E"). Shown on the status page and the console's waiting list, never symptoms.
 */
export const requestReference = (id: string): string => {
  const s = id.replace(/-/g, '').slice(0, 8).toUpperCase();
  return `${s.slice(0, 4)}-${s.slice(4)}`;
};

/** Why staff cancelled a request: a fixed list, so the patient is told in plain words and no free text travels. */
export const CANCEL_REASONS = {
  'dealt-with': 'the practice has already dealt with it',
  duplicate: 'you sent the same request more than once',
  'spoken-to': 'the practice has spoken to you about it another way',
  'patient-asked': 'you asked the practice to cancel it',
  'wrong-practice': 'it was sent to a practice you are not registered with',
} as const;
export const CancelReason = z.enum(Object.keys(CANCEL_REASONS) as [keyof typeof CANCEL_REASONS, ...(keyof typeof CANCEL_REASONS)[]]);
export type CancelReason = z.output<typeof CancelReason>;

/** Body of `POST /v1/practices/{ods}/requests/{id}/cancel` (may be empty: no reason given). */
export const CancelBody = z.object({ reason: CancelReason.optional() }).strict();
