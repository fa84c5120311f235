import './zod-openapi';
import { z } from 'zod';

/**
 * ODS code of a GP practice: one letter and five digits (e.g. A81001).
 * Accepted in any case, carried in upper case.
 */
export const OdsCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]\d{5}$/, 'must be a GP practice ODS code: one letter and five digits, e.g. A81001')
  .transform((s) => s.toUpperCase());
export type OdsCode = z.output<typeof OdsCode>;

/** A calendar day in Europe/London, YYYY-MM-DD. */
export const IsoDay = z.iso.date();
export type IsoDay = z.output<typeof IsoDay>;

export const IsoInstant = z.iso.datetime({ offset: true });

export const RequestId = z.uuid();
export type RequestId = z.output<typeof RequestId>;

export const RequestKind = z.enum(['clinical', 'admin']);
export type RequestKind = z.output<typeof RequestKind>;

export const Urgency = z.enum(['routine', 'urgent']);
export type Urgency = z.output<typeof Urgency>;

/** UK mobile number, as patients type it: 07xxx xxxxxx or +447xxx xxxxxx, spaces allowed. */
export const UkMobile = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s()-]/g, ''))
  .pipe(z.string().regex(/^(?:\+447|07)\d{9}$/, 'must be a UK mobile number, e.g. 07700 900123'));

export const Contact = z
  .object({
    sms: UkMobile.optional(),
    email: z.string().trim().pipe(z.email().max(254)).optional(),
  })
  .strict()
  .refine((c) => c.sms !== undefined || c.email !== undefined, {
    message: 'give an sms number or an email address so the practice can reply',
  });
export type Contact = z.output<typeof Contact>;

/** Where a patient is sent when the practice is not the right place, or not now. */
export const Destination = z.enum([
  '999',
  'a-and-e',
  'nhs-111',
  'nhs-111-mental-health',
  'nhs-111-online',
  'pharmacy-first',
  'extended-access-hub',
]);
export type Destination = z.output<typeof Destination>;

/** Capacity shares of a practice-day. */
export const Share = z.enum(['routine', 'urgent', 'admin']);
export type Share = z.output<typeof Share>;

/**
 * What the red-flag screen made of a request, as the HTTP answers, the decision event and the status
 * read-model say it: `emergency` (redirected at once), `concern` (cannot be ruled out: the duty
 * clinician today) or `clear`.
 */
export const ScreeningOutcome = z.enum(['emergency', 'concern', 'clear']);
export type ScreeningOutcome = z.output<typeof ScreeningOutcome>;

/**
 * Longest concern advice carried (a rule's fixed text on when to call 999). Intake drops a longer one
 * and the practice's own safety-net wording is used instead, so no event is ever refused for it.
 */
export const ADVICE_MAX = 400;
export const Advice = z.string().min(1).max(ADVICE_MAX);
