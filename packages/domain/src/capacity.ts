import type { IsoDay, PracticeConfig, RotaBody, WeeklyRotaBody } from '@sluice/contracts';
import { weekday } from './calendar';

/** One day's rota, as `PUT /rota/{date}` takes it. */
export type Rota = RotaBody;
/** The Monday–Friday template, as `PUT /rota/weekly` takes it. */
export type WeeklyRota = WeeklyRotaBody;

const TEMPLATE_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

/**
 * The rota for `day`: a dated rota wins; otherwise the weekly template's weekday; at a weekend, with
 * no dated rota, none. Bank holidays and closures are the calendar's business, not the rota's.
 */
export function resolveRota(day: IsoDay, weekly?: WeeklyRota | null, dated?: Rota | null): Rota | null {
  if (dated) return dated;
  const key = TEMPLATE_DAYS[weekday(day) - 1];
  return (key && weekly?.[key]) || null;
}

export interface SafeCapacity {
  /** Clinical contacts the rota can safely take: routine + urgent. */
  total: number;
  routine: number;
  /** Held back for same-day urgent need. */
  urgent: number;
  /** Admin requests allowed that day, apart from clinical capacity. */
  admin: number;
}

export const NO_CAPACITY: SafeCapacity = Object.freeze({ total: 0, routine: 0, urgent: 0, admin: 0 });

/**
 * Safe capacity of a practice-day. total = Σ each clinician's own `contacts`, or the practice's
 * figure for the role; urgent = round(total × urgentSharePct / 100); routine = the rest. The admin
 * allowance is separate, so admin work never crowds out clinical care. No rota or a closed one: zero.
 */
export function safeCapacity(
  rota: Rota | null | undefined,
  config: Pick<PracticeConfig, 'roleContacts' | 'urgentSharePct' | 'adminAllowance'>,
): SafeCapacity {
  if (!rota || rota.closed) return NO_CAPACITY;
  const total = rota.clinicians.reduce((sum, c) => sum + (c.contacts ?? config.roleContacts[c.role]), 0);
  const urgent = Math.min(total, Math.round((total * config.urgentSharePct) / 100));
  return { total, routine: total - urgent, urgent, admin: config.adminAllowance };
}
