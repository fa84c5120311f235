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
  'fair-use-limit',
  'cancelled',
] as const;

export const ReasonCode = z.enum(REASON_CODES);
export type ReasonCode = z.output<typeof ReasonCode>;

export const Reason = z.object({ code: ReasonCode, text: z.string().min(1).max(600) });
export type Reason = z.output<typeof Reason>;
