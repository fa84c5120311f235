import './zod-openapi';
import { z } from 'zod';
import {
  Advice,
  Contact,
  Destination,
  IsoDay,
  OdsCode,
  RequestId,
  RequestKind,
  ScreeningOutcome,
  Urgency,
} from './common';
import { Reason } from './reasons';
import { validNhsNumber } from './contact-hash';
import { RedFlagCode } from './red-flags';

/** Largest request body intake takes, in bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Does a text contain anything a person could see? Format characters (zero-width space and joiners,
 * soft hyphen, word joiner, BOM, bidi marks), blank letters, combining marks and spaces draw
 * nothing: a description made only of them is empty, however long it is.
 */
export function hasVisibleContent(text: string): boolean {
  return /[^\s\p{Z}\p{Cc}\p{M}\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/u.test(text);
}
/** An NHS number: ten digits (spaces allowed) whose modulus-11 check digit holds. */
export const NhsNumber = z
  .string()
  .max(20)
  .refine((s) => validNhsNumber(s) !== null, 'must be an NHS number: ten digits with a valid check digit');

/** Body of POST /v1/practices/{ods}/requests. */
export const CreateRequestBody = z
  .object({
    kind: RequestKind,
    urgency: Urgency.default('routine'),
    description: z
      .string()
      .trim()
      .min(1, 'describe what you need')
      .max(4000)
      .refine(hasVisibleContent, 'describe what you need: the text has no visible characters'),
    contact: Contact,
    /** Structured red-flag answers the online consultation tool already collected. */
    redFlags: z.array(RedFlagCode).max(30).optional(),
    /** Only what the rules need: age for Pharmacy First bands and cohorts the practice protects. */
    patient: z
      .object({
        ageYears: z.number().int().min(0).max(130).optional(),
        cohorts: z
          .array(z.string().regex(/^[a-z0-9-]{1,40}$/))
          .max(10)
          .optional(),
        /**
         * Counts the patient once for fair use however their contact is written; never published,
         * stored or logged (only its salted hash is).
         */
        nhsNumber: NhsNumber.optional(),
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
  /** What the screen made of the request (absent on documents written before it was recorded). */
  screening: ScreeningOutcome.optional(),
  /** A concern's fixed advice on when to call 999 (the rule's text, never the patient's words). */
  advice: Advice.optional(),
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
  /** What the screen made of the request: `emergency` answers carry the destination and reason at once. */
  screening: ScreeningOutcome,
  /** A concern's fixed advice on when to call 999, for the sending tool to show at once. */
  advice: Advice.optional(),
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

/** Body of `POST /v1/clients`: an online consultation tool the operator lets post for these practices. */
export const CreateClientBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    practices: z.array(OdsCode).min(1).max(10_000),
    /** Requests a minute this client may post in all; unset: SLUICE_CLIENT_RATE_LIMIT. */
    rateLimitPerMinute: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();
export type CreateClientBody = z.input<typeof CreateClientBody>;

/** A client as listed: never its key or the key's hash. */
export const ClientView = z.object({
  clientId: z.string(),
  name: z.string(),
  practices: z.array(OdsCode),
  rateLimitPerMinute: z.number().int().optional(),
  createdAt: z.string(),
});
export type ClientView = z.output<typeof ClientView>;

/** 201 answer to `POST /v1/clients`: the key, shown this once. */
export const CreatedClient = ClientView.extend({ key: z.string(), note: z.string() });
export type CreatedClient = z.output<typeof CreatedClient>;

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
export const CancelReason = z.enum(
  Object.keys(CANCEL_REASONS) as [keyof typeof CANCEL_REASONS, ...(keyof typeof CANCEL_REASONS)[]],
);
export type CancelReason = z.output<typeof CancelReason>;

/** Body of `POST /v1/practices/{ods}/requests/{id}/cancel` (may be empty: no reason given). */
export const CancelBody = z.object({ reason: CancelReason.optional() }).strict();
