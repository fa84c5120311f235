import { SafeguardLevel, type PracticeConfig } from '@sluice/contracts';

/**
 * Safeguard levels of a practice-day on the four states of the LMC-led General Practice Alert
 * State (GPAS; GREEN/AMBER/RED/BLACK ≈ OPEL 1–4), from how much of the routine and urgent shares
 * is used, how long the oldest queued request has waited, and whether the practice declared BLACK.
 */

export const LEVELS = SafeguardLevel.options;
export type Thresholds = PracticeConfig['thresholds'];

export interface ShareUsage {
  used: number;
  limit: number;
}

export interface LevelUsage {
  routine: ShareUsage;
  urgent: ShareUsage;
  /** Minutes the oldest request on the waiting list has waited. */
  oldestQueuedMinutes?: number;
  /** The practice declared it cannot provide safe care. */
  declaredBlack?: boolean;
  /** False for a weekend, bank holiday or closure day: nothing is served, so only a declaration counts. Default true. */
  workingDay?: boolean;
}

export function levelRank(level: SafeguardLevel): number {
  return LEVELS.indexOf(level);
}

/** The contacts at which each level starts, for the share it watches. */
function trigger(
  level: Exclude<SafeguardLevel, 'GREEN'>,
  usage: LevelUsage,
  t: Thresholds,
): { share: ShareUsage; at: number } {
  switch (level) {
    case 'AMBER':
      return { share: usage.routine, at: (usage.routine.limit * t.amberPct) / 100 };
    case 'RED':
      return { share: usage.routine, at: usage.routine.limit };
    case 'BLACK':
      // With no urgent share at all, one urgent contact beyond it (a duty-clinician overbook) is BLACK.
      return { share: usage.urgent, at: Math.max(usage.urgent.limit, 1) };
  }
}

/**
 * How far below its trigger usage must fall before a level is left: hysteresisPct points of the
 * share, and at least one whole contact, so a single cancellation never moves the level; but never
 * more than half the trigger, so usage can always fall far enough to leave it (with an urgent share
 * of one contact, a band of one would have held BLACK at 0 used for the rest of the day).
 */
function band(share: ShareUsage, at: number, t: Thresholds): number {
  if (t.hysteresisPct <= 0 || share.limit <= 0) return 0;
  return Math.min(Math.max(1, (share.limit * t.hysteresisPct) / 100), at / 2);
}

function queueTooOld(usage: LevelUsage, t: Thresholds): boolean {
  return t.queueAgeAmberMinutes !== undefined && (usage.oldestQueuedMinutes ?? 0) > t.queueAgeAmberMinutes;
}

function noCapacity(usage: LevelUsage): boolean {
  return usage.routine.limit + usage.urgent.limit <= 0;
}

/** Whether `level`'s condition holds; `withBand` allows the hysteresis band below its trigger (for leaving it). */
function reached(level: SafeguardLevel, usage: LevelUsage, t: Thresholds, withBand: boolean): boolean {
  if (level === 'GREEN') return true;
  if (level === 'BLACK' && usage.declaredBlack) return true;
  if (usage.workingDay === false) return false;
  if (level === 'BLACK' && noCapacity(usage)) return true;
  if (level === 'AMBER' && queueTooOld(usage, t)) return true;
  const { share, at } = trigger(level, usage, t);
  return share.used >= at - (withBand ? band(share, at, t) : 0);
}

/**
 * The level usage puts the day at, with no memory: BLACK if declared, if the urgent share is used
 * up, or if a working day has no capacity at all; RED if the routine share is used up; AMBER from
 * amberPct % of the routine share (or a queue older than queueAgeAmberMinutes); else GREEN.
 */
export function levelOf(usage: LevelUsage, t: Thresholds): SafeguardLevel {
  for (let i = LEVELS.length - 1; i > 0; i--) {
    const level = LEVELS[i]!;
    if (reached(level, usage, t, false)) return level;
  }
  return 'GREEN';
}

/**
 * The level after a change in usage, given the level before it. It rises at once. It falls past a
 * level only when usage is below that level's trigger by more than the hysteresis band
 * (hysteresisPct points of the share, at least one contact, at most half the trigger), so one
 * cancellation next to a threshold does not flap the level; it may fall several levels at once (a clinician added).
 * With no previous level, it is `levelOf(usage)`.
 */
export function nextLevel(
  previous: SafeguardLevel | null | undefined,
  usage: LevelUsage,
  t: Thresholds,
): SafeguardLevel {
  const raw = levelOf(usage, t);
  if (!previous || levelRank(raw) >= levelRank(previous)) return raw;
  let rank = levelRank(previous);
  while (rank > levelRank(raw) && !reached(LEVELS[rank]!, usage, t, true)) rank--;
  return LEVELS[rank]!;
}
