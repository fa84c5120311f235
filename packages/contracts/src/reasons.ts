import './zod-openapi';
import { z } from 'zod';

/**
 * Every reason a decision can carry. The notifier has a template for each, and a test fails
 * when one is missing. The patient-readable text is built by the domain package.
 */
export const REASON_CODES = [
  /** Taken at intake, not decided yet (status documents only; never a decision's reason). */
  'received',
  'accepted-routine',
  'accepted-urgent',
  'accepted-admin',
  'accepted-duty-clinician',
  /** The screen could not rule out something serious: the duty clinician looks at it today (urgent share or duty list). */
  'concern-duty-clinician',
  'accepted-next-working-day',
  'queued-capacity',
  'queued-out-of-hours',
  'queued-paused',
  'promoted',
  'redirected-emergency',
  'redirected-nhs-111',
  'redirected-nhs-111-online',
  'redirected-pharmacy-first',
  'redirected-extended-access',
  'redirected-closed-out-of-hours',
  'redirected-paused',
  /** A concern while the practice is closed (no duty clinician until it opens): NHS 111 now. */
  'redirected-concern',
  'fair-use-limit',
  'cancelled',
] as const;

export const ReasonCode = z.enum(REASON_CODES);
export type ReasonCode = z.output<typeof ReasonCode>;

/**
 * A decision's reason. The text is at most 1,000 characters: 600 for the practice's own words and up to
 * ADVICE_MAX for a concern rule's fixed advice on when to call 999 (events.ts).
 */
export const Reason = z.object({ code: ReasonCode, text: z.string().min(1).max(1000) });
export type Reason = z.output<typeof Reason>;
