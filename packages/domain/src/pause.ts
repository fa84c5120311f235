import { DateTime } from 'luxon';
import { MAX_PAUSE_DAYS, type PauseBody } from '@sluice/contracts';
import { LONDON } from './calendar';

/** A pause as the decision needs it: until when, and why (for the record, never shown as-is to patients). */
export interface Pause {
  until: string;
  reason: string;
}

/** Whether a pause is in force at `now` (it ends at `until`, exclusive). */
export function isPaused(pause: Pause | null | undefined, now: Date): boolean {
  if (!pause) return false;
  const until = Date.parse(pause.until);
  return Number.isFinite(until) && until > now.getTime();
}

/**
 * Checks an "exceptional circumstances" pause against the clock: it must end after `now` and at most
 * 4 days ahead (4 calendar days in Europe/London, so a clock change does not shorten or lengthen it).
 * Returns the problems in words a practice manager can act on; an empty list means it may be applied.
 */
export function checkPause(body: PauseBody, now: Date): string[] {
  const until = DateTime.fromISO(body.until, { setZone: true });
  if (!until.isValid) return ['until: not a valid date and time'];
  const start = DateTime.fromJSDate(now, { zone: LONDON });
  const latest = start.plus({ days: MAX_PAUSE_DAYS });
  const problems: string[] = [];
  if (until <= start) problems.push('until: must be in the future');
  if (until > latest)
    problems.push(
      `until: must be at most ${MAX_PAUSE_DAYS} days ahead (by ${latest.toISO()}); pause again to extend it`,
    );
  return problems;
}
