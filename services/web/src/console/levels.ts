import type { SafeguardLevel } from '@sluice/contracts';

/**
 * How each safeguard level looks and reads on a page. Colours are the NHS tag colours (green, orange,
 * red); BLACK has no NHS tag colour, so the app stylesheet adds a black one with white text.
 */
export const LEVEL_INFO: Record<SafeguardLevel, { tag: string; label: string; meaning: string }> = {
  GREEN: { tag: 'nhsuk-tag--green', label: 'Green', meaning: 'Within safe limits.' },
  AMBER: {
    tag: 'nhsuk-tag--orange',
    label: 'Amber',
    meaning: 'The routine share is nearly used, or requests have waited a long time.',
  },
  RED: {
    tag: 'nhsuk-tag--red',
    label: 'Red',
    meaning: 'The routine share is used up. Routine requests wait or are signposted, as your policy says.',
  },
  BLACK: {
    tag: 'app-tag--black',
    label: 'Black',
    meaning:
      'The urgent share is used up too, there is no safe capacity today, or the practice has paused online requests.',
  },
};

interface ReasonState {
  level: SafeguardLevel;
  shares: Record<'routine' | 'urgent' | 'admin', { used: number; safe: number }>;
  queue: { oldestWaitingMinutes: number | null };
  paused: { until: string; reason: string; by: string } | null;
}

/**
 * Why the practice is at its level today, in the terms the level rule uses (domain `levelOf`): a pause
 * declared, no safe capacity (no rota), the urgent share used, the routine share used or nearly, or the
 * oldest request's wait. The level holds a little after a cancellation (hysteresis), so the words name
 * the figures rather than claim the threshold is crossed now.
 */
export function levelReason(
  s: ReasonState,
  thresholds: { amberPct: number; queueAgeAmberMinutes?: number | undefined },
  formatInstant: (iso: string) => string,
): { code: string; text: string } {
  const { routine, urgent } = s.shares;
  const r = `${routine.used} of ${routine.safe} routine`;
  if (s.paused)
    return {
      code: 'declared',
      text: `Declared: online requests are paused until ${formatInstant(s.paused.until)} (${s.paused.reason}, decided by ${s.paused.by}).`,
    };
  if (s.level === 'BLACK') {
    if (routine.safe + urgent.safe <= 0)
      return {
        code: 'no-rota',
        text: 'No rota: there is no safe capacity today. Add who is working on the rota page.',
      };
    return {
      code: 'urgent-used',
      text: `Urgent share used: ${urgent.used} of ${urgent.safe} urgent places taken, and ${r} places.`,
    };
  }
  if (s.level === 'RED') return { code: 'routine-used', text: `Routine share used: ${r} places taken.` };
  if (s.level === 'AMBER') {
    const old = thresholds.queueAgeAmberMinutes;
    if (
      old !== undefined &&
      (s.queue.oldestWaitingMinutes ?? 0) > old &&
      routine.used < (routine.safe * thresholds.amberPct) / 100
    ) {
      return {
        code: 'queue-age',
        text: `Long wait: the oldest request has waited ${s.queue.oldestWaitingMinutes} minutes (more than ${old}).`,
      };
    }
    return {
      code: 'routine-nearly-used',
      text: `Routine share nearly used: ${r} places taken (Amber from ${thresholds.amberPct}%).`,
    };
  }
  return { code: 'within-limits', text: `Within safe limits: ${r} places taken.` };
}
